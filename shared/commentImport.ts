import type { Comment, CommentType, Disposition, Place } from './types'
import type { MatchMethod } from './draft/quoteSearch'

/**
 * The import API's answers (`POST /api/documents/:id/comments/import/preview` and `.../import`),
 * shared by the server that builds them and the dashboard that shows them.
 */

/** A valid row of an imported comment table (`row` is its spreadsheet row number; the header is row 1). */
export interface ImportRow {
  row: number
  /** The ID as written in the file, upper-cased, when it is a well-formed comment id. */
  id?: string
  org: string
  type: CommentType
  /** The Location as written in the file. */
  locator: string
  /** The place the Location names (the whole draft when it is empty or "General"). */
  place: Place
  /** The Location ends in the "(text removed)" mark of a comment whose words were deleted. */
  markedRemoved: boolean
  quote: string
  body: string
  proposedChange?: string
  disposition?: Disposition
  observations?: string
  resolvedBy?: string
  /** YYYY-MM-DD */
  resolvedOn?: string
}

/** A problem with one row; a row with several problems appears once per problem. */
export interface RowError {
  row: number
  reason: string
}

/** Where a quote was found. */
export interface RowMatch {
  method: MatchMethod
  /** 1 for exact and normalized matches; 0.6 up to below 1 for fuzzy ones. */
  confidence: number
  /** The current place of the found words. */
  place: Place
  /** `place` as English text, for scripts. */
  locator: string
  /** The words found in the draft. */
  text: string
}

/**
 * A valid row as it will be created. `match` is null for rows without a quote (placed by their Location:
 * the whole draft, or a whole recommendation) and for quotes not found; `needsAnchoring` marks the rows
 * that will become general comments waiting for an editor or chair to anchor them.
 */
export interface PreviewRow extends ImportRow {
  match: RowMatch | null
  needsAnchoring: boolean
  /** The table says the words were deleted from the draft: kept as "text removed" at its Location. */
  textRemoved: boolean
  /** The id of the draft's comment this row repeats (same org, type, comment, quote, proposed change): skipped. */
  alreadyIn: string | null
}

export interface ImportPreview {
  rows: PreviewRow[]
  errors: RowError[]
  summary: {
    total: number
    valid: number
    exact: number
    normalized: number
    fuzzy: number
    needsAnchoring: number
    /** Valid rows that repeat a comment the draft already has: an import skips them. */
    alreadyIn: number
  }
}

/** The answer of a committed import: the comments created, and the rows skipped as repeats. */
export interface ImportResult {
  created: Comment[]
  skipped: { row: number; id: string }[]
}
