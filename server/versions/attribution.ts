import * as Y from 'yjs'
import type { RedlineAttribution, RedlineAuthor } from '../../shared/redline/model'
import { NODE } from '../../shared/schema/names'
import type { DraftAuthors } from '../../shared/types'

type Runs = { length: number; author?: RedlineAuthor }[]

/** Adds a run, joining it to the last one when the author is the same. */
function push(runs: Runs, length: number, author: RedlineAuthor | undefined): void {
  if (length === 0) return
  const last = runs[runs.length - 1]
  if (last && last.author?.name === author?.name && last.author?.org === author?.org) last.length += length
  else runs.push(author ? { length, author } : { length })
}

/** Who typed each character of a run of text: the author of the Yjs clientID that inserted it. */
function textRuns(text: Y.XmlText, authorOf: (client: number) => RedlineAuthor | undefined, runs: Runs): void {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    push(runs, item.length, authorOf(item.id.client))
  }
}

const isTextblock = (el: Y.XmlElement) => el.toArray().every((c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.nodeName === NODE.hardBreak))

/** The textblocks of a top-level block in document order, as the redline engine reads them. */
function textblocksOf(el: Y.XmlElement): Y.XmlElement[] {
  if (isTextblock(el)) return [el]
  return el.toArray().flatMap((child) => (child instanceof Y.XmlElement ? textblocksOf(child) : []))
}

/** A textblock's characters as author runs. */
function blockRuns(textblock: Y.XmlElement, authorOf: (client: number) => RedlineAuthor | undefined): Runs {
  const runs: Runs = []
  for (const child of textblock.toArray()) {
    if (child instanceof Y.XmlText) textRuns(child, authorOf, runs)
    else push(runs, 1, undefined) // a hard break
  }
  return runs
}

/**
 * Where a run of text is in the redline's terms: the index of its top-level block and of its textblock
 * within that block (the `block` and `paragraph` of RedlineAttribution); null when it is not in `fragment`.
 */
export function textblockPlace(fragment: Y.XmlFragment, text: Y.XmlText): { block: number; paragraph: number } | null {
  const textblock = text.parent
  if (!(textblock instanceof Y.XmlElement)) return null
  let top: Y.XmlElement = textblock
  while (top.parent instanceof Y.XmlElement) top = top.parent
  if (top.parent !== fragment) return null
  return { block: fragment.toArray().indexOf(top), paragraph: textblocksOf(top).indexOf(textblock) }
}

/**
 * Who typed the words of a draft, from its Yjs state and the server's record of which participant sent
 * each clientID's edits (never from anything a client wrote about itself): for the redline, inserted
 * text is credited to a person and their Member State.
 */
export function attributionOf(fragment: Y.XmlFragment, authors: DraftAuthors): RedlineAttribution {
  const authorOf = (client: number): RedlineAuthor | undefined => {
    const person = authors[String(client)]
    return person ? { name: person.name, org: person.org } : undefined
  }
  const blocks = fragment.toArray().map((block) => (block instanceof Y.XmlElement ? textblocksOf(block).map((t) => blockRuns(t, authorOf)) : []))
  return { authorRuns: (block, paragraph) => blocks[block]?.[paragraph] }
}
