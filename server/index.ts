import { configFromEnv } from './config'
import { jsonLogger } from './logger'
import { startServer } from './startServer'
import { CorruptDataError, DataDirLockedError } from './store/errors'

/** Entry point: reads the environment, starts the server, shuts down cleanly on SIGINT/SIGTERM. */
const logger = jsonLogger()

async function main(): Promise<void> {
  const config = { ...configFromEnv(process.env), logger }
  const server = await startServer(config)
  process.stdout.write(`\n  Accord is running at ${server.url}\n`)
  if (server.chairSignInLink) {
    process.stdout.write(`  Sign in as the Task Force chair with this one-time link:\n  ${server.chairSignInLink}\n`)
  }
  process.stdout.write('\n')
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    server.close().then(
      ({ unsaved }) => process.exit(unsaved.length > 0 ? 1 : 0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: String(err) })
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  if (err instanceof CorruptDataError || err instanceof DataDirLockedError) {
    logger.error(err.message, { file: err instanceof CorruptDataError ? err.file : undefined })
  } else {
    logger.error('start-up failed', { error: String(err), stack: (err as Error).stack })
  }
  process.exit(1)
})
