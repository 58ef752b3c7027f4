import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { allows } from '../../../shared/policy'
import type { Me, Version } from '../../../shared/types'
import { LIMITS } from '../../../shared/validation'
import { Link } from '../routing/Link'
import { nameAndOrg } from '../ui/labels'
import { SubmitOrCancel } from '../ui/SubmitOrCancel'
import { versionApi, versionExportUrl } from './versionApi'

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * The draft's versions beside the editor: the named states (oldest first), naming the current one,
 * opening one read-only, comparing any two (or one with the draft as it is now), downloading one, and
 * for chairs restoring one (a forward edit of the live draft).
 */
export function VersionsPanel({ documentId, me, onClose }: { documentId: string; me: Me; onClose: () => void }) {
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
      setStatus(`Version "${created.label}" saved.`)
      await load()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const restore = async (v: Version) => {
    if (!window.confirm(`Make the draft read as "${v.label}" again? This is a new edit: nothing is lost, and it can be undone by restoring a later version.`)) return
    setBusy(true)
    setError(null)
    try {
      const { reattached } = await versionApi.restore(documentId, v.id)
      setStatus(`The draft now reads as "${v.label}".${reattached.length > 0 ? ` Comments attached to their words again: ${reattached.join(', ')}.` : ''}`)
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
        <h2 id={headingId}>Versions</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {allows(me, 'version.create') && (
        <form onSubmit={(e) => void name(e)} className="version-form" aria-label="Name the current state">
          <label>
            Name the current state
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={LIMITS.title} required placeholder="e.g. Revised after the comments" data-test="version-label" />
          </label>
          <label>
            Note (optional)
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={LIMITS.versionNote} data-test="version-note" />
          </label>
          <SubmitOrCancel label={busy ? 'Saving…' : 'Save version'} disabled={busy || !label.trim()} onCancel={onClose} test="version-save" />
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
        <p role="status">Loading the versions…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No versions yet. Name the current state to keep it: the text sent for comment, a revision, the text adopted.</p>
      ) : (
        <>
          <ol className="version-list" data-test="version-list">
            {versions.map((v) => (
              <li key={v.id} data-test="version-item" data-version-id={v.id}>
                <strong>{v.label}</strong> {v.kind === 'phase' && <span className="type-badge">phase</span>}
                <div className="muted">
                  {when.format(new Date(v.createdAt))} · {nameAndOrg(v.createdBy)}
                </div>
                {v.note && <p className="version-note">{v.note}</p>}
                <div className="thread-actions">
                  <Link href={`/d/${documentId}/v/${v.id}`} data-test="version-open">
                    Open
                  </Link>
                  <Link href={`/d/${documentId}/compare?${new URLSearchParams({ from: v.id, to: 'live' })}`} data-test="version-compare-live">
                    Compare with now
                  </Link>
                  <a href={versionExportUrl(documentId, v.id, 'docx')} download>
                    Word
                  </a>
                  {allows(me, 'version.restore') && (
                    <button type="button" className="link-button" disabled={busy} onClick={() => void restore(v)} data-test="version-restore">
                      Restore…
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <div className="version-compare" role="group" aria-label="Compare two states">
            <label>
              Compare
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-test="compare-from">
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with
              <select value={to} onChange={(e) => setTo(e.target.value)} data-test="compare-to">
                <option value="live">The draft now</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <Link href={compareHref} className="button-link" data-test="compare-open">
              Compare
            </Link>
          </div>
        </>
      )}
    </section>
  )
}
