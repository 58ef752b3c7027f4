import type { ImportPreview, ImportResult, ImportRow, PreviewRow, RowError, RowMatch } from '../../shared/commentImport'
import { fail } from '../../shared/errors'
import { draftFacts } from '../../shared/phases'
import { type PolicyPrincipal, canView } from '../../shared/policy'
import type { Participant, StoredComment } from '../../shared/types'
import { highestSequences, takeNextId } from '../comments/commentIds'
import type { CommentService } from '../comments/CommentService'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { DocumentService } from '../documents/DocumentService'
import { readCommentRows } from './commentRows'
import { attachmentFor, importedComment } from './importedComment'
import { mapOverDraft } from './overDraft'
import { placeRow } from './placeRow'
import { repeatedComments } from './repeatedRows'
import { type TableFormat, readTable } from './readTable'

/** The table had rows with problems: nothing was created; the answer lists every problem in `errors`. */
function rejectRows(errors: RowError[]): never {
  fail('import.rowsRejected', { rows: new Set(errors.map((e) => e.row)).size }, { errors })
}

/**
 * Ids for imported rows: the row's own ID when it belongs to the row's org and is free in the draft
 * (and earlier in the file), else the org's next id.
 */
function assignIds(rows: readonly ImportRow[], existing: readonly StoredComment[]): string[] {
  const taken = new Set(existing.map((c) => c.id))
  const kept = rows.map((row) => {
    if (!row.id || !row.id.startsWith(`${row.org}-`) || taken.has(row.id)) return null
    taken.add(row.id)
    return row.id
  })
  // Kept ids count too: a new one never reuses a number the file or the draft already has.
  const highest = highestSequences(taken)
  return kept.map((id, i) => id ?? takeNextId(highest, rows[i]!.org))
}

/** Comment-table imports: a preview of where every row would anchor, and the all-or-none commit. */
export class ImportService {
  constructor(
    private readonly comments: CommentService,
    private readonly drafts: LiveDrafts,
    private readonly documents: DocumentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Reads the table and shows, row by row, where each comment would attach; creates nothing. Repeats are
   * looked for among the comments `viewer` may see (a draft of another delegation is never named).
   */
  async preview(documentId: string, bytes: Buffer, format: TableFormat, viewer: PolicyPrincipal): Promise<ImportPreview> {
    const { rows, errors, total } = readCommentRows(await readTable(bytes, format))
    const repeats = repeatedComments(rows, await this.comments.stored(documentId, viewer))
    const previewRows = await mapOverDraft(this.drafts, documentId, rows, (view, row, i): PreviewRow => {
      const placement = placeRow(view, row)
      return {
        ...row,
        match: placement.kind === 'text' ? placement.match : null,
        needsAnchoring: placement.kind === 'unanchored',
        textRemoved: placement.kind === 'removed',
        alreadyIn: repeats[i] ?? null,
      }
    })
    const count = (method: RowMatch['method']) => previewRows.filter((r) => r.match?.method === method).length
    return {
      rows: previewRows,
      errors,
      summary: {
        total,
        valid: rows.length,
        exact: count('exact'),
        normalized: count('normalized'),
        fuzzy: count('fuzzy'),
        needsAnchoring: previewRows.filter((r) => r.needsAnchoring).length,
        alreadyIn: previewRows.filter((r) => r.alreadyIn !== null).length,
      },
    }
  }

  /**
   * Creates every row as a comment in one atomic batch; refuses the whole table (creating nothing) when
   * any row has a problem. Rows that repeat a comment the draft already has are skipped (a table
   * imported twice, or a returned table with the chair's decisions). Quotes are matched first, anchored
   * by relative positions that stay right if the draft is edited before the batch is stored.
   */
  async commit(documentId: string, bytes: Buffer, format: TableFormat, importer: Participant, file: string | null): Promise<ImportResult> {
    const { rows, errors } = readCommentRows(await readTable(bytes, format))
    if (errors.length > 0) rejectRows(errors)
    const attachments = await mapOverDraft(this.drafts, documentId, rows, (view, row) => attachmentFor(view, row, placeRow(view, row)))
    const base = this.now().getTime()
    const { round } = draftFacts(await this.documents.get(documentId))
    const source = { by: { id: importer.id, name: importer.name, org: importer.org }, file, at: new Date(base).toISOString(), round }
    const skipped: ImportResult['skipped'] = []
    const created = await this.comments.insertBatch(documentId, (existing) => {
      const repeats = repeatedComments(
        rows,
        existing.filter((c) => canView(importer, c)),
      )
      const fresh = rows.flatMap((row, i) => {
        const repeat = repeats[i]
        if (repeat) skipped.push({ row: row.row, id: repeat })
        return repeat ? [] : [{ row, attachment: attachments[i]! }]
      })
      const ids = assignIds(fresh.map((f) => f.row), existing)
      // One millisecond apart, in file order: comments at the same place keep the table's order.
      return fresh.map(({ row, attachment }, i) =>
        importedComment(documentId, row, attachment, ids[i]!, new Date(base - (fresh.length - 1 - i)).toISOString(), source),
      )
    })
    return { created, skipped }
  }
}
