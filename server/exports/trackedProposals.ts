import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { orgName } from '../../shared/countries'
import { resolveCommentRange } from '../../shared/draft/anchors'
import { segmentHolding } from '../../shared/draft/draftText'
import { planApply, proposalBase } from '../../shared/draft/proposals'
import { CONTENT_FIELD } from '../../shared/protocol'
import type { Redline } from '../../shared/redline/model'
import { redline } from '../../shared/redline/redline'
import { groupAlternatives } from '../../shared/suggestions/proposalGroups'
import type { DraftAuthors, PersonRef, StoredComment } from '../../shared/types'
import { replaceWords } from '../comments/applyProposedChange'
import { DraftView } from '../comments/placement'
import { attributionOf, textblockPlace } from '../versions/attribution'
import type { ParagraphNote } from './redlineDocx'

/** A delegation as the author of its proposals in Word: "Norway (NO)". */
export function delegationOf(org: string): PersonRef {
  return { id: `delegation:${org}`, name: orgName(org) ?? org, org }
}

const wordAuthor = (org: string) => `${orgName(org) ?? org} (${org})`

/** The proposals of a draft as Word would track them: the redline from the draft to the draft with them applied. */
export interface TrackedProposals {
  model: Redline
  /** Alternatives on the same words, and proposals that could not be put in, as Word comments. */
  notes: ParagraphNote[]
  applied: string[]
}

const quoted = (c: StoredComment) => `${c.id} (${wordAuthor(c.author.org)}): “${c.proposedChange}”`

/**
 * Every open proposal of `comments` put into a copy of the draft, each by its delegation, as the safe
 * apply does: words outside a proposal's own range are never touched. Proposals on overlapping words are
 * alternatives, and proposals written for words that have since changed are outdated: neither is
 * applied (Word cannot hold conflicting changes); each becomes a comment on its paragraph instead.
 */
export function trackedProposals(live: Y.Doc, comments: readonly StoredComment[]): TrackedProposals {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  try {
    const fragment = copy.getXmlFragment(CONTENT_FIELD)
    const before = yXmlFragmentToProsemirrorJSON(fragment) as JSONContent
    const open = comments.filter((c) => c.status === 'open' && c.scope === 'text' && c.proposedChange !== undefined && !c.applied)
    const start = new DraftView(copy)
    const placed = open.flatMap((comment) => {
      const range = resolveCommentRange(start.index, copy, comment.anchors)?.range
      const segment = range ? segmentHolding(start.index, range) : null
      return range && segment ? [{ comment, from: range.from, to: range.to, text: segment.text }] : []
    })
    const notes: ParagraphNote[] = []
    const note = (text: Y.XmlText, lines: string[]) => {
      const place = textblockPlace(fragment, text)
      if (place) notes.push({ ...place, author: 'Accord', text: lines.join('\n') })
    }
    const authors: DraftAuthors = {}
    const applied: string[] = []
    for (const group of groupAlternatives(placed)) {
      if (group.length > 1) {
        note(group[0]!.text, ['Alternative proposals for these words:', ...group.map((p) => quoted(p.comment))])
        continue
      }
      const { comment, text } = group[0]!
      const view = new DraftView(copy)
      const plan = planApply(view.index, copy, comment, [])
      if (!plan.ok || plan.plan.outdated) {
        note(text, [`Proposal written for words that have since changed (“${proposalBase(comment)}”):`, quoted(comment)])
        continue
      }
      const author = delegationOf(comment.author.org)
      authors[String(replaceWords(view, plan.plan, author).client)] = author
      applied.push(comment.id)
    }
    const after = yXmlFragmentToProsemirrorJSON(fragment) as JSONContent
    return { model: redline(before, after, { attribution: attributionOf(fragment, authors) }), notes, applied }
  } finally {
    copy.destroy()
  }
}
