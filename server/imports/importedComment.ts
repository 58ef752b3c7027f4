import { orgName } from '../../shared/countries'
import type { ImportRow } from '../../shared/commentImport'
import { GENERAL_PLACE } from '../../shared/draft/locator'
import { anchorForRange } from '../../shared/draft/anchors'
import type { Anchor, CommentScope, HistoryEntry, PersonRef, Place, Resolution, StoredComment } from '../../shared/types'
import type { DraftView } from '../comments/placement'
import type { RowPlacement } from './placeRow'

/** How an imported comment is attached: Yjs relative positions stay right across later edits. */
export interface Attachment {
  scope: CommentScope
  anchors: Anchor[]
  quote: string
  needsAnchoring: boolean
  /** The place of a comment whose words are gone (nothing to compute it from). */
  removedAt?: Place
}

/** The anchors for a row's placement in the draft as `view` sees it. */
export function attachmentFor(view: DraftView, row: ImportRow, placement: RowPlacement): Attachment {
  switch (placement.kind) {
    case 'text':
      return { scope: 'text', anchors: [anchorForRange(view.index, placement.range.from, placement.range.to)], quote: row.quote, needsAnchoring: false }
    case 'recommendation': {
      const { anchor, quote } = view.anchorRecommendation(placement.number)
      return { scope: 'recommendation', anchors: [anchor], quote, needsAnchoring: false }
    }
    case 'general':
      return { scope: 'draft', anchors: [], quote: row.quote, needsAnchoring: false }
    case 'unanchored':
      return { scope: 'draft', anchors: [], quote: row.quote, needsAnchoring: true }
    case 'removed':
      return { scope: 'text', anchors: [], quote: row.quote, needsAnchoring: false, removedAt: placement.place }
    default: {
      const never: never = placement
      throw new Error(`unknown placement ${String(never)}`)
    }
  }
}

/** Who decided an imported disposition: the table's "Resolved by", outside Accord's participants. */
const importer = (name: string | undefined): PersonRef => ({ id: 'import', name: name ?? 'Imported', org: '' })

/** The author of an imported row: its Member State, since the delegate is not a participant. */
export function importAuthor(org: string): PersonRef {
  return { id: `import:${org}`, name: orgName(org) ?? org, org }
}

/**
 * The comment an imported row becomes, with id and time given. Rows with a Disposition arrive resolved;
 * their "Resolved on" date becomes the resolution's date (at noon UTC, so it reads as the same day
 * everywhere).
 */
/** Who brought a table in, from which file, when: recorded on the decisions it carries. */
export interface ImportSource {
  by: PersonRef
  file: string | null
  at: string
  /** The draft's current consultation round: the round its comments belong to. */
  round: number
}

export function importedComment(documentId: string, row: ImportRow, attachment: Attachment, id: string, at: string, source: ImportSource): StoredComment {
  const author = importAuthor(row.org)
  const history: HistoryEntry[] = [{ action: 'created', by: author, at, detail: 'imported' }]
  let resolution: Resolution | undefined
  if (row.disposition) {
    const by = importer(row.resolvedBy)
    resolution = {
      disposition: row.disposition,
      note: row.observations ?? '',
      by,
      at: row.resolvedOn ? `${row.resolvedOn}T12:00:00.000Z` : at,
      imported: { file: source.file, row: row.row, by: source.by, at: source.at },
    }
    // The decision entered Accord by the importing chair's hand, not as their decision.
    history.push({ action: 'resolved', by: source.by, at, detail: row.disposition })
  }
  return {
    id,
    documentId,
    author,
    type: row.type,
    body: row.body,
    ...(row.proposedChange ? { proposedChange: row.proposedChange } : {}),
    quote: attachment.quote,
    round: source.round,
    scope: attachment.scope,
    anchors: attachment.anchors,
    // The real place and anchor state are filled in when the batch is placed against the draft; a
    // comment whose words are gone keeps the place the table gave.
    place: attachment.removedAt ?? GENERAL_PLACE,
    anchorState: attachment.removedAt !== undefined ? 'orphaned' : attachment.scope === 'draft' ? 'general' : 'anchored',
    status: resolution ? 'resolved' : 'open',
    ...(attachment.needsAnchoring ? { needsAnchoring: true } : {}),
    ...(resolution ? { resolution } : {}),
    replies: [],
    history,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  }
}
