import { Router } from 'express'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftModel } from '../../shared/draft/draftModel'
import type { CommentService } from '../comments/CommentService'
import type { DocumentService } from '../documents/DocumentService'
import { commentTableRows, rowCells, tableHeaders } from '../exports/commentTable'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import { formatCsv } from '../exports/csvFormat'
import { downloadName } from '../exports/filename'
import { redlineDocx } from '../exports/redlineDocx'
import { tableDocx } from '../exports/tableDocx'
import { trackedProposals } from '../exports/trackedProposals'
import { tableXlsx } from '../exports/tableXlsx'
import { actorOf, authorize } from '../http/authenticate'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import { fail } from '../../shared/errors'
import { documentIdParam } from './documentRoutes'
import { DRAFT_FORMATS, formatParam, sendDraft, sendFile } from './downloads'

export const TABLE_FORMATS = ['xlsx', 'csv', 'docx'] as const

/**
 * Downloads for any signed-in participant: the comment-resolution table
 * (`GET /documents/:id/comments/export?format=xlsx|csv|docx[&round=N]`) and the draft itself
 * (`GET /documents/:id/export?format=docx|md|html`; an adopted draft says "Adopted text").
 */
/** `?round=N`: one consultation round's comments; null for all. */
function roundParam(value: unknown): number | null {
  if (value === undefined) return null
  const round = Number(value)
  if (typeof value !== 'string' || !Number.isInteger(round) || round < 1) fail('request.invalid', { issues: 'round: a round number such as 1 or 2' })
  return round
}

/** `?proposals=tracked` (Word only): the open proposals as tracked changes; absent: the draft as it is. */
function proposalsParam(value: unknown, format: string): 'tracked' | null {
  if (value === undefined) return null
  if (value !== 'tracked') fail('request.invalid', { issues: 'proposals: "tracked", or leave it out' })
  if (format !== 'docx') fail('request.invalid', { issues: 'proposals=tracked: only with format=docx' })
  return 'tracked'
}

export function exportRoutes(comments: CommentService, documents: DocumentService, drafts: LiveDrafts, now: () => Date): Router {
  const router = Router()
  /** The title and the day, for the page headers of printable files, in the draft's language. */
  const running = (title: string, language: Language = DEFAULT_LANGUAGE) => ({ title, date: now().toISOString().slice(0, 10), language })

  router.get('/documents/:id/comments/export', authorize('comment.export'), async (req, res) => {
    const format = formatParam(req.query.format, TABLE_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const round = roundParam(req.query.round)
    const listed = await comments.list(meta.id, actorOf(req))
    // In the draft's language: a French draft's table is circulated with French headers.
    const t = sharedTranslate(meta.language ?? DEFAULT_LANGUAGE)
    const headers = tableHeaders(t)
    const rows = commentTableRows(round === null ? listed : listed.filter((c) => (c.round ?? 1) === round), t)
    const name = downloadName(meta.title, round === null ? ' - comments' : ` - comments, round ${round}`, format)
    switch (format) {
      case 'xlsx':
        return sendFile(res, name, format, await tableXlsx(running(meta.title, meta.language), rows, headers))
      case 'csv':
        return sendFile(res, name, format, formatCsv([rowCells(headers), ...rows.map(rowCells)]))
      case 'docx':
        return sendFile(res, name, format, await tableDocx(running(meta.title, meta.language), rows, headers))
      default: {
        const never: never = format
        throw new Error(`unknown format ${String(never)}`)
      }
    }
  })

  router.get('/documents/:id/export', authorize('draft.export'), async (req, res) => {
    const format = formatParam(req.query.format, DRAFT_FORMATS)
    const meta = await documents.get(documentIdParam(req.params.id))
    const title = meta.phase === 'adopted' ? `${meta.title} (Adopted text)` : meta.title
    if (proposalsParam(req.query.proposals, format) === 'tracked') {
      // The open proposals the reader may see, as Word tracked changes by their delegations.
      const visible = await comments.stored(meta.id, actorOf(req))
      const tracked = await drafts.use(meta.id, (doc) => trackedProposals(doc, visible))
      const at = now().toISOString()
      const file = await redlineDocx(title, tracked.model, {
        running: running(title),
        states: { from: 'The draft', to: 'The draft with the proposals' },
        changedAt: at,
        notes: tracked.notes,
      })
      return sendFile(res, downloadName(meta.title, ' - proposals tracked', 'docx'), 'docx', file)
    }
    const model = await drafts.use(meta.id, (doc) => draftModel(doc.getXmlFragment(CONTENT_FIELD)))
    await sendDraft(res, running(title, meta.language), model, format)
  })

  return router
}
