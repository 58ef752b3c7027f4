import type { Response } from 'express'
import type { DraftModel } from '../../shared/draft/draftModel'
import { fail } from '../../shared/errors'
import { draftDocx } from '../exports/draftDocx'
import type { RunningText } from '../exports/docxCommon'
import { draftHtml } from '../exports/draftHtml'
import { draftMarkdown } from '../exports/draftMarkdown'
import { downloadName } from '../exports/filename'

export const DRAFT_FORMATS = ['docx', 'md', 'html'] as const
export type DraftFormat = (typeof DRAFT_FORMATS)[number]

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const

/** The `format` query parameter, or a 400 naming the formats there are. */
export function formatParam<F extends string>(value: unknown, formats: readonly F[]): F {
  if (typeof value === 'string' && (formats as readonly string[]).includes(value)) return value as F
  fail('request.formatRequired', { given: typeof value === 'string' ? value : null, formats: [...formats] })
}

/** Sends a download: its file name, its content type, never cached. */
export function sendFile(res: Response, name: string, format: keyof typeof CONTENT_TYPES, body: Buffer | string): void {
  res.attachment(name)
  res.setHeader('Content-Type', CONTENT_TYPES[format])
  res.setHeader('Cache-Control', 'no-store')
  res.send(body)
}

/** Sends a draft (the live one or a version) in one of the draft formats; `running` heads Word's pages. */
export async function sendDraft(res: Response, running: RunningText, model: DraftModel, format: DraftFormat): Promise<void> {
  const { title } = running
  const name = downloadName(title, '', format)
  switch (format) {
    case 'docx':
      return sendFile(res, name, format, await draftDocx(running, model))
    case 'md':
      return sendFile(res, name, format, draftMarkdown(title, model, running.language))
    case 'html':
      return sendFile(res, name, format, draftHtml(title, model, running.language))
    default: {
      const never: never = format
      throw new Error(`unknown format ${String(never)}`)
    }
  }
}
