export {}

/** Entry of a client process (see workers.ts): dispatches IPC calls to the handlers module in argv. */
type Handler = (args: never) => unknown
const handlersModule = process.argv[2]
if (!handlersModule || !process.send) throw new Error('start this file through Worker (workers.ts)')
// Hundreds of providers in one process each listen for 'exit'.
process.setMaxListeners(0)
const { handlers } = (await import(handlersModule)) as { handlers: Record<string, Handler> }

process.on('message', (message: { id: number; command: string; args: never }) => {
  const handler = handlers[message.command]
  Promise.resolve()
    .then(() => {
      if (!handler) throw new Error(`no handler "${message.command}"`)
      return handler(message.args)
    })
    .then(
      (result) => process.send!({ id: message.id, result }),
      (err: unknown) => process.send!({ id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    )
})
process.on('disconnect', () => process.exit(0))
