import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { NODE } from '../../shared/schema/names'

/** The n-th paragraph-like text of a draft (paragraph, heading or statement), for typing into it. */
export function textAt(doc: Y.Doc, nodeName: string = NODE.paragraph, n = 0): Y.XmlText {
  let seen = 0
  let found: Y.XmlText | null = null
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (found) return
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === nodeName) {
          if (seen++ === n) {
            const t = child.toArray().find((c) => c instanceof Y.XmlText)
            if (t instanceof Y.XmlText) found = t
            else {
              const created = new Y.XmlText()
              child.insert(0, [created])
              found = created
            }
            return
          }
        }
        walk(child)
      }
    }
  }
  walk(doc.getXmlFragment(CONTENT_FIELD))
  if (!found) throw new Error(`no ${nodeName} #${n} in the draft`)
  return found
}

/** The statement text of recommendation n (1-based). */
export function statementOf(doc: Y.Doc, n: number): Y.XmlText {
  return textAt(doc, NODE.statement, n - 1)
}
