import * as Y from 'yjs'
import { plainText } from '../../../shared/draft/positionIndex'
import { textAt } from '../../helpers/draftDoc'
import { type Patch, type SequentialTrace, loadTrace } from '../../helpers/traces'
import { nowMs } from '../lib/stats'
import { type Endpoint, type NodeClient, connectClient, within } from '../lib/yNode'

/** Client side of the trace replay: A types the trace, B receives it; or both in one process (raw). */

let edits: Patch[] = []
let expectedText = ''

/** The first `count` edits of automerge-paper and the text they produce. */
function loadEdits(count: number): void {
  const trace = loadTrace<SequentialTrace>('automerge-paper')
  edits = trace.txns.flatMap((t) => t.patches).slice(0, count)
  if (edits.length === trace.txns.flatMap((t) => t.patches).length) {
    expectedText = trace.endContent
    return
  }
  let s = trace.startContent
  for (const [pos, del, ins] of edits) s = s.slice(0, pos) + ins + s.slice(pos + del)
  expectedText = s
}

function type(doc: Y.Doc, text: Y.XmlText, [pos, del, ins]: Patch): void {
  doc.transact(() => {
    if (del > 0) text.delete(pos, del)
    if (ins) text.insert(pos, ins)
  })
}

let client: NodeClient | null = null
let received: Promise<{ times: Float64Array; textOk: boolean }> | null = null

export const handlers = {
  /** Raw Yjs in one process: doc A types each edit in its own transaction, doc B applies A's update. */
  raw({ count, seed }: { count: number; seed: Uint8Array }) {
    loadEdits(count)
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, seed)
    Y.applyUpdate(b, seed)
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u))
    const text = textAt(a)
    const start = nowMs()
    for (const e of edits) type(a, text, e)
    const ms = nowMs() - start
    return { ms, textOk: plainText(textAt(b)) === expectedText }
  },

  /** B: connects, then records the arrival time of each update it is sent, in order. */
  async receive({ endpoint, count, timeoutMs }: { endpoint: Endpoint; count: number; timeoutMs: number }) {
    loadEdits(count)
    client = connectClient(endpoint)
    await within(client.synced, 20_000, 'receiver sync')
    const c = client
    const times = new Float64Array(edits.length)
    let n = 0
    const done = within(
      new Promise<{ times: Float64Array; textOk: boolean }>((resolve) => {
        c.doc.on('update', () => {
          if (n < times.length) times[n] = nowMs()
          n++
          if (n === times.length) resolve({ times, textOk: plainText(textAt(c.doc)) === expectedText })
        })
      }),
      timeoutMs,
      `receiver got ${edits.length} updates`,
    ).catch((err: Error) => {
      throw new Error(`${err.message} (had ${n})`)
    })
    done.catch(() => undefined)
    received = done
  },

  received() {
    if (!received) throw new Error('receive first')
    return received
  },

  /** A: connects, then types every edit in its own transaction as fast as the socket takes them. */
  async connectSender({ endpoint, count }: { endpoint: Endpoint; count: number }) {
    loadEdits(count)
    client = connectClient(endpoint)
    await within(client.synced, 20_000, 'sender sync')
  },

  async replay() {
    if (!client) throw new Error('connect first')
    const { doc } = client
    const text = textAt(doc)
    const sendTimes = new Float64Array(edits.length)
    for (let i = 0; i < edits.length; i++) {
      sendTimes[i] = nowMs()
      type(doc, text, edits[i]!)
      // Let the socket's write callbacks and incoming messages run now and then, as typing would.
      if (i % 500 === 499) await new Promise((r) => setImmediate(r))
    }
    return { sendTimes, textOk: plainText(text) === expectedText }
  },

  close() {
    client?.destroy()
    client = null
  },
}
