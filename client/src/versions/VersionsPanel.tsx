import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { allows } from '../../../shared/policy'
import type { Me, Version } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { nameAndOrg } from '../ui/labels'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'
import { versionApi, versionExportUrl } from './versionApi'

/**
 * The draft's versions beside the editor: the named states (oldest first), naming the current one,
 * opening one read-only, comparing any two (or one with the draft as it is now), downloading one, and
 * for chairs restoring one (a forward edit of the live draft).
 */
export function VersionsPanel({ documentId, me, onClose }: { documentId: string; me: Me; onClose: () => void }) {
  const { t, dateTime } = useLocale()
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [label, setLabel] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('live')
  const headingId = useId()

  const load = useCallback(() => versionApi.list(documentId).then(setVersions, (err: Error) => setError(err.message)), [documentId])
  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    if (!from && versions && versions.length > 0) setFrom(versions.at(-1)!.id)
  }, [versions, from])

  const name = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const created = await versionApi.create(documentId, label.trim(), note)
      setLabel('')
      setNote('')
      setStatus(t('versions.saved', { label: created.label }))
      await load()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const restore = async (v: Version) => {
    if (!window.confirm(t('versions.confirmRestore', { label: v.label }))) return
    setBusy(true)
    setError(null)
    try {
      const { reattached } = await versionApi.restore(documentId, v.id)
      setStatus(
        [t('versions.restored', { label: v.label }), reattached.length > 0 ? t('versions.reattached', { ids: reattached.join(', ') }) : ''].filter(Boolean).join(' '),
      )
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const compareHref = `/d/${documentId}/compare?${new URLSearchParams({ from, to })}`
  return (
    <section className="versions-panel card" aria-labelledby={headingId} data-test="versions-panel">
      <header className="versions-head">
        <h2 id={headingId}>{t('versions.heading')}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      {allows(me, 'version.create') && (
        <form onSubmit={(e) => void name(e)} className="version-form" aria-label={t('versions.nameCurrent')}>
          <label>
            {t('versions.nameCurrent')}
            <input
              value={label}
              dir="auto"
              onChange={(e) => setLabel(e.target.value)}
              maxLength={LIMITS.title}
              required
              placeholder={t('versions.labelPlaceholder')}
              data-test="version-label"
            />
          </label>
          <label>
            {t('versions.note')}
            <input value={note} dir="auto" onChange={(e) => setNote(e.target.value)} maxLength={LIMITS.versionNote} data-test="version-note" />
          </label>
          <SubmitOrCancel label={busy ? t('composer.saving') : t('versions.save')} disabled={busy || !label.trim()} onCancel={onClose} test="version-save" />
        </form>
      )}
      <p role="status" className="muted" data-test="versions-status">
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {versions === null ? (
        <p role="status">{t('versions.loading')}</p>
      ) : versions.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        <>
          <ol className="version-list" data-test="version-list">
            {versions.map((v) => (
              <li key={v.id} data-test="version-item" data-version-id={v.id}>
                <strong dir="auto">{v.label}</strong> {v.kind === 'phase' && <span className="type-badge">{t('versions.phase')}</span>}
                <div className="muted">
                  {dateTime(v.createdAt)} · {nameAndOrg(v.createdBy)}
                </div>
                {v.note && (
                  <p className="version-note" dir="auto">
                    {v.note}
                  </p>
                )}
                <div className="thread-actions">
                  <Link href={`/d/${documentId}/v/${v.id}`} data-test="version-open">
                    {t('versions.open')}
                  </Link>
                  <Link href={`/d/${documentId}/compare?${new URLSearchParams({ from: v.id, to: 'live' })}`} data-test="version-compare-live">
                    {t('versions.compareNow')}
                  </Link>
                  <a href={versionExportUrl(documentId, v.id, 'docx')} download>
                    {t('common.word')}
                  </a>
                  {allows(me, 'version.restore') && (
                    <button type="button" className="link-button" disabled={busy} onClick={() => void restore(v)} data-test="version-restore">
                      {t('versions.restore')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <div className="version-compare" role="group" aria-label={t('versions.compareTwo')}>
            <label>
              {t('versions.compare')}
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-test="compare-from">
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('versions.with')}
              <select value={to} onChange={(e) => setTo(e.target.value)} data-test="compare-to">
                <option value="live">{t('versions.draftNow')}</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <Link href={compareHref} className="button-link" data-test="compare-open">
              {t('versions.compare')}
            </Link>
          </div>
        </>
      )}
    </section>
  )
}
