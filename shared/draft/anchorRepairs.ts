import * as Y from 'yjs'
import type { Anchor, Comment } from '../types'
import { anchorForRange, resolveCommentRange } from './anchors'
import { buildPositionIndex } from './positionIndex'

/** A new anchor pair for a comment whose words now live in new Yjs items. */
export interface AnchorRepair {
  commentId: string
  anchor: Anchor
}

type Anchored = Pick<Comment, 'id' | 'scope' | 'anchors'>

/**
 * Moves the top-level block at `from` so that it ends up at index `to`, as one transaction with `origin`
 * (so the mover's undo manager can take it back). Yjs has no move: the block is deleted and a copy is
 * inserted. Comments on its words would lose their place, so their new anchor pairs are returned; they
 * are computed inside the transaction and `beforeCommit` receives them before the update is sent.
 */
export function moveTopLevelBlock(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  origin: unknown,
  comments: readonly Anchored[],
  beforeCommit: (repairs: AnchorRepair[]) => void = () => undefined,
): AnchorRepair[] {
  const doc = fragment.doc
  if (!doc) throw new Error('the fragment is not part of a Y.Doc')
  const element = fragment.get(from)
  if (!(element instanceof Y.XmlElement)) throw new Error(`no block at index ${from}`)
  const before = buildPositionIndex(fragment)
  const start = before.elementStart.get(element)!
  const end = start + before.elementSize.get(element)!
  const inside = comments.flatMap((c) => {
    if (c.scope === 'draft') return []
    const resolved = resolveCommentRange(before, doc, c.anchors)
    if (!resolved || resolved.range.from < start || resolved.range.to > end) return []
    return [{ comment: c, offsetFrom: resolved.range.from - start, offsetTo: resolved.range.to - start }]
  })
  let repairs: AnchorRepair[] = []
  doc.transact(() => {
    const copy = element.clone()
    fragment.delete(from, 1)
    fragment.insert(to, [copy])
    const after = buildPositionIndex(fragment)
    const newStart = after.elementStart.get(copy)!
    // The copy has the same structure, so every offset from the block's start still holds.
    repairs = inside.map(({ comment, offsetFrom, offsetTo }) => ({
      commentId: comment.id,
      anchor: anchorForRange(after, newStart + offsetFrom, newStart + offsetTo),
    }))
    beforeCommit(repairs)
  }, origin)
  return repairs
}

/**
 * After this client's undo or redo: comments whose words came back as new items resolve here (Yjs
 * follows "redone" links locally) but not on other clients, which never see those links. Returns fresh
 * anchor pairs for them so every client and the server agree.
 */
export function repairsAfterUndo(fragment: Y.XmlFragment, comments: readonly Anchored[]): AnchorRepair[] {
  const doc = fragment.doc
  if (!doc) return []
  const index = buildPositionIndex(fragment)
  const repairs: AnchorRepair[] = []
  for (const c of comments) {
    if (c.scope === 'draft' || c.anchors.length === 0) continue
    const local = resolveCommentRange(index, doc, c.anchors, true)
    if (!local) continue
    const shared = resolveCommentRange(index, doc, c.anchors, false)
    if (shared && shared.range.from === local.range.from && shared.range.to === local.range.to) continue
    repairs.push({ commentId: c.id, anchor: anchorForRange(index, local.range.from, local.range.to) })
  }
  return repairs
}
