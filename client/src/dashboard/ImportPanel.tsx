import { useEffect, useRef, useState } from 'react'
import type { Comment } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { ImportErrors } from './ImportErrors'
import { tableContentType, type ImportPreview, type ImportResult, type RowError } from './importPreview'
import { ImportPreviewTable } from './ImportPreviewTable'
import { UploadAborted, errorMessage, uploadFile, type Upload } from './uploadFile'
import { TABLE_COLUMNS, columnHeader } from '../../../shared/commentTable'

type Step =
  | { step: 'choose' }
  | { step: 'uploading'; purpose: 'preview' | 'import'; file: File; sent: number }
  | { step: 'preview'; file: File; contentType: string; preview: ImportPreview }
  | { step: 'imported'; count: number; skipped: number; fileName: string }

interface Failure {
  message: string
  errors: RowError[]
}

/**
 * Import for chairs: choose an XLSX or CSV comment table, watch it upload, check the preview row by row
 * (where each comment will attach, and which rows have problems), then confirm. The server creates all
 * rows or none.
 */
export function ImportPanel({ documentId, onCreated }: { documentId: string; onCreated: (comments: Comment[]) => void }) {
  const { t, fileSize } = useLocale()
  const [state, setState] = useState<Step>({ step: 'choose' })
  const [failure, setFailure] = useState<Failure | null>(null)
  const [inputKey, setInputKey] = useState(0)
  const upload = useRef<Upload | null>(null)
  useEffect(() => () => upload.current?.abort(), [])

  const send = async (purpose: 'preview' | 'import', file: File, contentType: string) => {
    setFailure(null)
    setState({ step: 'uploading', purpose, file, sent: 0 })
    const path = `/documents/${encodeURIComponent(documentId)}/comments/import${purpose === 'preview' ? '/preview' : ''}?filename=${encodeURIComponent(file.name)}`
    const current = uploadFile(path, file, contentType, (sent) =>
      setState((s) => (s.step === 'uploading' ? { ...s, sent } : s)),
    )
    upload.current = current
    try {
      return await current.done
    } catch (err) {
      if (!(err instanceof UploadAborted)) setFailure({ message: (err as Error).message, errors: [] })
      return null
    } finally {
      upload.current = null
    }
  }

  const choose = async (file: File | undefined) => {
    if (!file) return
    const contentType = tableContentType(file)
    if (!contentType) {
      setFailure({ message: t('import.wrongFile', { name: file.name }), errors: [] })
      return
    }
    const res = await send('preview', file, contentType)
    if (res && res.status === 200) setState({ step: 'preview', file, contentType, preview: res.body as ImportPreview })
    else {
      if (res) setFailure({ message: errorMessage(res), errors: [] })
      reset()
    }
  }

  const confirm = async (file: File, contentType: string, preview: ImportPreview) => {
    const res = await send('import', file, contentType)
    if (res && res.status === 201) {
      const { created, skipped } = res.body as ImportResult
      onCreated(created)
      setState({ step: 'imported', count: created.length, skipped: skipped.length, fileName: file.name })
      setInputKey((k) => k + 1)
      return
    }
    if (res) {
      const errors = (res.body as { errors?: RowError[] } | null)?.errors ?? []
      setFailure({ message: t('import.nothingImported', { reason: errorMessage(res) }), errors })
    }
    setState({ step: 'preview', file, contentType, preview })
  }

  const reset = () => {
    setState({ step: 'choose' })
    setInputKey((k) => k + 1)
  }

  return (
    <section className="import-panel card" aria-labelledby="import-heading" data-test="import-panel">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p className="muted">{t('import.intro', { columns: TABLE_COLUMNS.map((c) => columnHeader(t, c)).join(t('import.columnSeparator')) })}</p>
      <label className="import-file">
        {t('import.fileLabel')}
        <input
          key={inputKey}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={state.step === 'uploading'}
          onChange={(e) => void choose(e.target.files?.[0])}
          data-test="import-file"
        />
      </label>

      {state.step === 'uploading' && (
        <div className="upload-progress" data-test="import-progress">
          <label>
            {state.sent < 1
              ? t('import.uploading', { name: state.file.name, size: fileSize(state.file.size), percent: Math.round(state.sent * 100) })
              : state.purpose === 'preview'
                ? t('import.reading', { name: state.file.name })
                : t('import.creating')}
            <progress max={1} value={state.sent < 1 ? state.sent : undefined} />
          </label>
          <button type="button" onClick={() => upload.current?.abort()}>
            {t('common.cancel')}
          </button>
        </div>
      )}

      {failure && (
        <div className="import-failure" role="alert" data-test="import-failure">
          <p className="error">{failure.message}</p>
          <ImportErrors errors={failure.errors} />
        </div>
      )}

      {state.step === 'imported' && (
        <p className="import-done" role="status" data-test="import-done">
          {t('import.imported', { count: state.count, name: state.fileName })}
          {state.count > 0 && ` ${t('import.inList', { count: state.count })}`}
          {state.skipped > 0 && ` ${t('import.skipped', { count: state.skipped })}`}
        </p>
      )}

      {state.step === 'preview' && <ImportReview state={state} onConfirm={confirm} onDiscard={() => (setFailure(null), reset())} />}
    </section>
  )
}

/** The preview of a chosen file, and the buttons to import it or discard it. */
function ImportReview({
  state,
  onConfirm,
  onDiscard,
}: {
  state: Extract<Step, { step: 'preview' }>
  onConfirm: (file: File, contentType: string, preview: ImportPreview) => void
  onDiscard: () => void
}) {
  const { t } = useLocale()
  const { summary, errors } = state.preview
  const toCreate = summary.valid - summary.alreadyIn
  return (
    <div className="import-review">
      <h3>{t('import.previewOf', { name: state.file.name })}</h3>
      <ImportPreviewTable preview={state.preview} />
      {summary.alreadyIn > 0 && (
        <p className="import-repeats" role="status" data-test="import-repeats">
          {summary.alreadyIn === summary.valid ? t('import.allAlreadyIn') : t('import.someAlreadyIn', { count: summary.alreadyIn })}{' '}
          {t('import.notCopied')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={errors.length > 0 || toCreate === 0}
          onClick={() => onConfirm(state.file, state.contentType, state.preview)}
          data-test="import-confirm"
        >
          {t('import.confirm', { count: toCreate })}
        </button>
        <button type="button" onClick={onDiscard} data-test="import-discard">
          {t('thread.discard')}
        </button>
      </div>
      {errors.length > 0 && <p className="muted">{t('import.fixRows')}</p>}
    </div>
  )
}
