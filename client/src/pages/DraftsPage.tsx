import { type FormEvent, useEffect, useState } from 'react'
import { allows } from '../../../shared/policy'
import { PHASE_LABEL } from '../phases/PhaseBanner'
import type { DocumentMeta, Me } from '../../../shared/types'
import { api } from '../api/http'
import { Link } from '../routing/Link'
import { navigate } from '../routing/router'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function RenameForm({ draft, onDone }: { draft: DocumentMeta; onDone: (d: DocumentMeta | null) => void }) {
  const [title, setTitle] = useState(draft.title)
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    try {
      onDone(await api<DocumentMeta>(`/documents/${draft.id}`, { method: 'PATCH', body: { title } }))
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <form className="inline-form" onSubmit={submit} data-test="rename-form">
      <label className="visually-hidden" htmlFor={`rename-${draft.id}`}>
        New title
      </label>
      <input
        id={`rename-${draft.id}`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        autoFocus
        onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
      />
      <button type="submit">Save</button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      {error && <span className="error" role="alert">{error}</span>}
    </form>
  )
}

function CreateDraftForm({ onCreated }: { onCreated: (d: DocumentMeta) => void }) {
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<'recommendations' | 'blank'>('recommendations')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onCreated(await api<DocumentMeta>('/documents', { method: 'POST', body: { title, template } }))
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="card create-draft" onSubmit={submit} data-test="create-draft-form">
      <h2>New draft</h2>
      <label htmlFor="new-draft-title">Title</label>
      <input
        id="new-draft-title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="e.g. Recommendations on data exchange (first draft)"
        required
        maxLength={200}
      />
      <fieldset>
        <legend>Start from</legend>
        <label>
          <input type="radio" name="template" checked={template === 'recommendations'} onChange={() => setTemplate('recommendations')} />
          Recommendations template
        </label>
        <label>
          <input type="radio" name="template" checked={template === 'blank'} onChange={() => setTemplate('blank')} />
          Blank draft
        </label>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create draft'}
      </button>
    </form>
  )
}

/** The list of drafts: open, rename and (for editors and chairs) create. */
export function DraftsPage({ me }: { me: Me }) {
  const [drafts, setDrafts] = useState<DocumentMeta[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)
  const canWrite = allows(me, 'draft.create')

  useEffect(() => {
    api<DocumentMeta[]>('/documents').then(setDrafts, (err: Error) => setError(err.message))
  }, [])

  return (
    <div className="page drafts-page">
      <div className="drafts-list">
        <h1>Drafts</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {drafts === null && !error && <p role="status">Loading drafts…</p>}
        {drafts?.length === 0 && <p>No drafts yet.</p>}
        <ul className="draft-items" data-test="draft-list">
          {drafts?.map((d) => (
            <li key={d.id} className="card draft-item" data-test="draft-item">
              {renaming === d.id ? (
                <RenameForm
                  draft={d}
                  onDone={(updated) => {
                    setRenaming(null)
                    if (updated) setDrafts((list) => list?.map((x) => (x.id === updated.id ? updated : x)) ?? null)
                  }}
                />
              ) : (
                <>
                  <Link href={`/d/${d.id}`} className="draft-title" data-test="draft-link">
                    {d.title}
                  </Link>
                  <span className={`phase-badge phase-${d.phase ?? 'drafting'}`} data-test="draft-phase">
                    {PHASE_LABEL[d.phase ?? 'drafting']}
                    {d.phase === 'consultation' && d.consultation ? ` until ${dateFormat.format(new Date(d.consultation.deadline))}` : ''}
                  </span>
                  <span className="muted">Created {dateFormat.format(new Date(d.createdAt))}</span>
                  <span className="draft-actions">
                    <Link href={`/d/${d.id}/dashboard`}>Comments dashboard</Link>
                    {canWrite && (
                      <button className="link-button" onClick={() => setRenaming(d.id)} aria-label={`Rename ${d.title}`}>
                        Rename
                      </button>
                    )}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {canWrite && <CreateDraftForm onCreated={(d) => navigate(`/d/${d.id}`)} />}
    </div>
  )
}
