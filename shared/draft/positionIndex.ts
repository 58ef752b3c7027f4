import * as Y from 'yjs'
import { LEAF_NODES, NODE } from '../schema/names'

/**
 * ProseMirror positions computed from the Y.XmlFragment alone.
 *
 * y-prosemirror mirrors every ProseMirror node as a Y.XmlElement and every run of text as a Y.XmlText,
 * so the ProseMirror position of anything can be counted from the Yjs tree without an editor: an element
 * takes one position for its opening and one for its closing token (a leaf takes one in all), and text
 * takes one per UTF-16 unit. Server (quote anchoring, locators) and client (highlights) share this code
 * so they always agree on where a comment sits.
 */

/** Where a comment's position falls in the draft's structure. */
export interface PlaceInDraft {
  /** 1-based number of the enclosing recommendation, or null outside recommendations. */
  recommendation: number | null
  /** Path of 1-based action numbers, e.g. [2] or [2, 1] for a nested bullet; empty outside actions. */
  action: number[]
  /** Text of the closest heading before this place (for text outside recommendations). */
  heading: string | null
}

/** One run of text: a Y.XmlText and where its first character sits. */
export interface TextSegment {
  text: Y.XmlText
  /** ProseMirror position of the first character. */
  from: number
  /** Position after the last character. */
  to: number
  place: PlaceInDraft
  /** The textblock element that holds this text. */
  block: Y.XmlElement
}

/** One textblock (paragraph, heading, statement) with its content range. */
export interface TextBlock {
  element: Y.XmlElement
  /** Position just inside the block (before its first character). */
  from: number
  /** Position just before its closing token. */
  to: number
  place: PlaceInDraft
}

export interface PositionIndex {
  fragment: Y.XmlFragment
  /** Position just before each element's opening token. */
  elementStart: Map<Y.XmlElement, number>
  elementSize: Map<Y.XmlElement, number>
  textStart: Map<Y.XmlText, number>
  segments: TextSegment[]
  blocks: TextBlock[]
  /** Top-level recommendation elements in order; index + 1 is the number. */
  recommendations: Y.XmlElement[]
  /** Size of the whole document content. */
  size: number
}

type Child = Y.XmlElement | Y.XmlText

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): Child[] {
  const out: Child[] = []
  // Iterating items directly avoids toArray()'s copy of every child on large drafts.
  let item = parent._start
  while (item !== null) {
    if (!item.deleted && item.content instanceof Y.ContentType) {
      const type = item.content.type
      if (type instanceof Y.XmlElement || type instanceof Y.XmlText) out.push(type)
    }
    item = item.right
  }
  return out
}

/** The characters of a Y.XmlText without its formatting. */
export function plainText(text: Y.XmlText): string {
  let s = ''
  for (const op of text.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') s += op.insert
  }
  return s
}

function textOfElement(element: Y.XmlElement): string {
  let s = ''
  for (const child of childrenOf(element)) {
    if (child instanceof Y.XmlText) s += plainText(child)
  }
  return s
}

/** Builds the index in one pass over the tree. */
export function buildPositionIndex(fragment: Y.XmlFragment): PositionIndex {
  const index: PositionIndex = {
    fragment,
    elementStart: new Map(),
    elementSize: new Map(),
    textStart: new Map(),
    segments: [],
    blocks: [],
    recommendations: [],
    size: 0,
  }
  let heading: string | null = null

  // Returns the size of `node` and records positions; `pos` is where the node starts.
  const visit = (node: Child, pos: number, place: PlaceInDraft, block: Y.XmlElement | null): number => {
    if (node instanceof Y.XmlText) {
      const length = node.length
      index.textStart.set(node, pos)
      if (block) index.segments.push({ text: node, from: pos, to: pos + length, place, block })
      return length
    }
    index.elementStart.set(node, pos)
    if (LEAF_NODES.has(node.nodeName)) {
      index.elementSize.set(node, 1)
      return 1
    }
    const isTextBlock =
      node.nodeName === NODE.paragraph || node.nodeName === NODE.heading || node.nodeName === NODE.statement
    const ownBlock = isTextBlock ? node : block
    let inner = pos + 1
    const children = childrenOf(node)
    let actionNumber = 0
    for (const child of children) {
      let childPlace = place
      // Items of the actions list are Action 1, 2…; items of lists nested inside an action are 2.1, 2.2…
      const isAction = node.nodeName === NODE.actions || place.action.length > 0
      if (child instanceof Y.XmlElement && child.nodeName === NODE.listItem && isAction) {
        actionNumber++
        const parentPath = node.nodeName === NODE.actions ? [] : place.action
        childPlace = { ...place, action: [...parentPath, actionNumber] }
      }
      inner += visit(child, inner, childPlace, ownBlock)
    }
    const size = inner + 1 - pos
    index.elementSize.set(node, size)
    if (isTextBlock) {
      index.blocks.push({ element: node, from: pos + 1, to: inner, place })
    }
    return size
  }

  let pos = 0
  for (const child of childrenOf(fragment)) {
    if (child instanceof Y.XmlElement && child.nodeName === NODE.heading) heading = textOfElement(child).trim() || heading
    let place: PlaceInDraft = { recommendation: null, action: [], heading }
    if (child instanceof Y.XmlElement && child.nodeName === NODE.recommendation) {
      index.recommendations.push(child)
      place = { recommendation: index.recommendations.length, action: [], heading }
    }
    pos += visit(child, pos, place, null)
  }
  index.size = pos
  return index
}

/** Finds the index of the last segment whose `from` is ≤ pos (binary search; segments are ordered). */
function segmentIndexAt(index: PositionIndex, pos: number): number {
  let lo = 0
  let hi = index.segments.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const seg = index.segments[mid]!
    if (seg.from <= pos) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

/** The text segment containing `pos` (inclusive of both ends), if any. */
export function segmentAt(index: PositionIndex, pos: number): TextSegment | null {
  const i = segmentIndexAt(index, pos)
  if (i < 0) return null
  const seg = index.segments[i]!
  return pos <= seg.to ? seg : null
}

/** The structural place of a position: from its text segment, or the nearest one after it. */
export function placeAt(index: PositionIndex, pos: number): PlaceInDraft {
  const here = segmentAt(index, pos)
  if (here) return here.place
  const i = segmentIndexAt(index, pos)
  const next = index.segments[i + 1] ?? index.segments[i]
  // A recommendation without any text (just created) has no segment: the next one is in another.
  const recommendation = recommendationAt(index, pos)
  if (next && (recommendation === null || next.place.recommendation === recommendation)) return next.place
  return { recommendation, action: [], heading: next?.place.heading ?? null }
}

/** Number of the recommendation whose element spans `pos`, or null. */
function recommendationAt(index: PositionIndex, pos: number): number | null {
  for (let r = 0; r < index.recommendations.length; r++) {
    const el = index.recommendations[r]!
    const start = index.elementStart.get(el)!
    if (pos >= start && pos < start + index.elementSize.get(el)!) return r + 1
  }
  return null
}

/** Size of a child for the parent-index walk below. */
function sizeOf(index: PositionIndex, child: Child): number {
  return child instanceof Y.XmlText ? child.length : index.elementSize.get(child) ?? 0
}

/**
 * Converts a Yjs absolute position (type + index) to a ProseMirror position, or null when the type is
 * no longer part of the draft (deleted, or garbage-collected after a move).
 */
export function absoluteToPm(index: PositionIndex, abs: Y.AbsolutePosition): number | null {
  const { type } = abs
  if (type instanceof Y.XmlText) {
    const start = index.textStart.get(type)
    return start === undefined ? null : start + abs.index
  }
  let contentStart: number
  if (type === index.fragment) {
    contentStart = 0
  } else if (type instanceof Y.XmlElement) {
    const start = index.elementStart.get(type)
    if (start === undefined) return null
    contentStart = start + 1
  } else {
    return null
  }
  let pos = contentStart
  let i = 0
  for (const child of childrenOf(type as Y.XmlElement)) {
    if (i >= abs.index) break
    pos += sizeOf(index, child)
    i++
  }
  return pos
}

/**
 * Creates a Yjs relative position for a ProseMirror position. `assoc` 0 sticks to the character after the
 * position (use for a range start), -1 to the character before (use for a range end), so text typed at
 * either edge of a comment stays outside it.
 */
export function pmToRelative(index: PositionIndex, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const seg = segmentAt(index, pos)
  if (seg) {
    // At the boundary between two segments prefer the one the association points into.
    const offset = pos - seg.from
    if (assoc === 0 && offset === seg.text.length) {
      const next = segmentAt(index, pos + 1)
      if (next && next.from === pos + 1 && next.block === seg.block) {
        // pos sits just before an inline leaf (hard break); anchor to the leaf via its parent below.
      } else if (next && next.from === pos) {
        return Y.createRelativePositionFromTypeIndex(next.text, 0, assoc)
      }
    }
    return Y.createRelativePositionFromTypeIndex(seg.text, offset, assoc)
  }
  // Between elements: find the deepest element whose content contains pos and use a child index.
  let parent: Y.XmlFragment | Y.XmlElement = index.fragment
  let contentStart = 0
  for (;;) {
    let childIndex = 0
    let p = contentStart
    let descended = false
    for (const child of childrenOf(parent)) {
      const size = sizeOf(index, child)
      if (pos === p) break
      if (child instanceof Y.XmlElement && pos > p && pos < p + size) {
        parent = child
        contentStart = p + 1
        descended = true
        break
      }
      p += size
      childIndex++
    }
    if (!descended) return Y.createRelativePositionFromTypeIndex(parent, childIndex, assoc)
  }
}

/** Follows an item's chain of "redone" copies (made by this client's undo manager). */
function latestCopy(store: Y.Doc['store'], item: Y.Item): Y.Item {
  let current = item
  while (current.redone !== null) {
    const next = Y.getItem(store, current.redone)
    if (!(next instanceof Y.Item)) break
    current = next
  }
  return current
}

/**
 * For this client's undo of a move: a position on a character that was already deleted when its block
 * was moved lives in a block that no longer exists, while the block came back as a copy. Place it in
 * the copy, after the characters that came back with it, which is where it was.
 */
function positionInRestoredText(index: PositionIndex, doc: Y.Doc, rel: Y.RelativePosition): number | null {
  if (rel.item === null || Y.getState(doc.store, rel.item.client) <= rel.item.clock) return null
  const item = Y.getItem(doc.store, rel.item)
  if (!(item instanceof Y.Item) || !(item.parent instanceof Y.XmlText)) return null
  const parentItem = item.parent._item
  if (parentItem === null || !parentItem.deleted) return null
  const restoredItem = latestCopy(doc.store, parentItem)
  if (restoredItem.deleted || !(restoredItem.content instanceof Y.ContentType)) return null
  const start = index.textStart.get(restoredItem.content.type as Y.XmlText)
  if (start === undefined) return null
  let count = 0
  for (let n = item.left; n !== null; n = n.left) if (n.redone !== null && n.countable) count += n.length
  return start + count
}

/**
 * Resolves a relative position to a ProseMirror position in the current draft, or null. With
 * `followUndoneDeletions` (this client's own view) positions follow words that this client's undo
 * brought back; other clients never see those links, hence the anchor repairs that follow an undo.
 */
export function relativeToPm(
  index: PositionIndex,
  doc: Y.Doc,
  rel: Y.RelativePosition,
  followUndoneDeletions = true,
): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc, followUndoneDeletions)
  const pm = abs === null ? null : absoluteToPm(index, abs)
  if (pm !== null || !followUndoneDeletions) return pm
  return positionInRestoredText(index, doc, rel)
}
