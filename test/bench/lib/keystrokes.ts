import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { nowMs } from './stats'

/** A keystroke's key: the typist's clientID and the Yjs clock of the character. */
const CLOCK_BITS = 2 ** 20
export const keyOf = (client: number, clock: number) => client * CLOCK_BITS + clock

/** The draft's runs of text, in document order (clients type at the end of one of them). */
export function textRuns(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(doc.getXmlFragment(CONTENT_FIELD))
  return out
}

/** Pushes (key, time) into `arrivals` for every character of others that reaches `doc` while `recording()`. */
export function recordArrivals(doc: Y.Doc, arrivals: number[], recording: () => boolean): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local || !recording()) return
    const now = nowMs()
    tr.afterState.forEach((clock, client) => {
      for (let c = tr.beforeState.get(client) ?? 0; c < clock; c++) arrivals.push(keyOf(client, c), now)
    })
  })
}
