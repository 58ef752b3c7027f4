import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { anchorForRange, describePlacement } from '../../../shared/draft/anchors'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import { GENERAL_PLACE } from '../../../shared/draft/locator'
import type { CommentType, Participant, StoredComment } from '../../../shared/types'
import { seededRandom } from '../../helpers/random'

const TYPES: CommentType[] = ['general', 'technical', 'editorial']
const BODY =
  'The wording should make clear that offices may adapt this to their size and resources; we suggest adding a reference to the relevant standard.'

export interface CommentPlan {
  count: number
  authors: readonly Participant[]
  /** Share the text ranges come from: comments anchor inside the first `within` characters (all if absent). */
  withinChars?: number
  seed?: number
}

/**
 * Comments as delegations make them: anchored to a few words somewhere in the draft (overlapping
 * freely), from several orgs, with ids in each org's sequence and the place where they sit.
 */
export function buildComments(documentId: string, state: Uint8Array, plan: CommentPlan, firstSeq = new Map<string, number>()): StoredComment[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const index = buildPositionIndex(doc.getXmlFragment(CONTENT_FIELD))
  const rnd = seededRandom(plan.seed ?? 6)
  const segments = index.segments.filter((s) => s.to - s.from >= 12 && (plan.withinChars === undefined || s.from < plan.withinChars))
  const seq = firstSeq
  const at = new Date(Date.UTC(2026, 0, 5)).toISOString()
  const out: StoredComment[] = []
  for (let i = 0; i < plan.count; i++) {
    const author = plan.authors[i % plan.authors.length]!
    const seg = rnd.pick(segments)
    const from = rnd.int(seg.from, seg.to - 6)
    const to = Math.min(seg.to, from + rnd.int(5, 40))
    const n = (seq.get(author.org) ?? 0) + 1
    seq.set(author.org, n)
    const by = { id: author.id, name: author.name, org: author.org }
    const base: StoredComment = {
      id: `${author.org}-${String(n).padStart(3, '0')}`,
      documentId,
      author: by,
      type: rnd.pick(TYPES),
      body: BODY,
      quote: '',
      scope: 'text',
      anchors: [anchorForRange(index, from, to)],
      place: GENERAL_PLACE,
      anchorState: 'anchored',
      status: 'open',
      replies: [],
      history: [{ action: 'created', by, at }],
      createdAt: at,
      updatedAt: at,
      rev: 1,
    }
    const { place } = describePlacement(index, doc, base)
    out.push({ ...base, place, quote: plainSlice(index, from, to) })
  }
  doc.destroy()
  return out
}

function plainSlice(index: ReturnType<typeof buildPositionIndex>, from: number, to: number): string {
  const seg = index.segments.find((s) => s.from <= from && s.to >= to)
  return seg ? seg.text.toString().replace(/<[^>]*>/g, '').slice(from - seg.from, to - seg.from) : ''
}

/** Average size of a comment as stored (its JSON), for write amplification. */
export function averageJsonBytes(comments: readonly StoredComment[]): number {
  return comments.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c)), 0) / comments.length
}
