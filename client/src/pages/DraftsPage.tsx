import { type FormEvent, useEffect, useState } from 'react'
import { allows } from '../../../shared/policy'
import { LANGUAGES, LANGUAGE_NAMES, type Language, isLanguage } from '../../../shared/i18n/languages'
import type { DocumentMeta, Me } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { navigate } from '../routing/router'

function RenameForm({ draft, onDone }: { draft: DocumentMeta; onDone: (d: DocumentMeta | null) => void }) {
  const { t } = useLocale()
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
        {t('drafts.newTitle')}
      </label>
      <input
        id={`rename-${draft.id}`}
        value={title}
        dir="auto"
        onChange={(e) => setTitle(e.target.value)}
        autoFocus
        onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
      />
      <button type="submit">{t('common.save')}</button>
      <button type="button" onClick={() => onDone(null)}>
        {t('common.cancel')}
      </button>
      {error && <span className="error" role="alert">{error}</span>}
    </form>
  )
}

function CreateDraftForm({ onCreated }: { onCreated: (d: DocumentMeta) => void }) {
  const { t, language: interfaceLanguage } = useLocale()
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<'recommendations' | 'blank'>('recommendations')
  // A new draft is written in the interface's language unless the chair says otherwise.
  const [language, setLanguage] = useState<Language>(interfaceLanguage)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onCreated(await api<DocumentMeta>('/documents', { method: 'POST', body: { title, template, language } }))
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="card create-draft" onSubmit={submit} data-test="create-draft-form">
      <h2>{t('drafts.newDraft')}</h2>
      <label htmlFor="new-draft-title">{t('drafts.title')}</label>
      <input
        id="new-draft-title"
        value={title}
        dir="auto"
        onChange={(e) => setTitle(e.target.value)}
        placeholder={t('drafts.titlePlaceholder')}
        required
        maxLength={200}
      />
      <label htmlFor="new-draft-language">{t('drafts.language')}</label>
      <select
        id="new-draft-language"
        value={language}
        onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
        aria-describedby="new-draft-language-help"
        data-test="new-draft-language"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <small id="new-draft-language-help">{t('drafts.languageHelp')}</small>
      <fieldset>
        <legend>{t('drafts.startFrom')}</legend>
        <label>
          <input type="radio" name="template" checked={template === 'recommendations'} onChange={() => setTemplate('recommendations')} />
          {t('drafts.templateRecommendations')}
        </label>
        <label>
          <input type="radio" name="template" checked={template === 'blank'} onChange={() => setTemplate('blank')} />
          {t('drafts.templateBlank')}
        </label>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('drafts.creating') : t('drafts.create')}
      </button>
    </form>
  )
}

/** One draft of the list: its title, language, phase, when it was made, and what may be done with it. */
function DraftItem({ draft: d, canWrite, onRename }: { draft: DocumentMeta; canWrite: boolean; onRename: () => void }) {
  const { t, dateTime } = useLocale()
  const language = d.language ?? 'en'
  return (
    <>
      <Link href={`/d/${d.id}`} className="draft-title" data-test="draft-link" lang={language} dir="auto">
        {d.title}
      </Link>
      <span className="draft-badges">
        <span className={`phase-badge phase-${d.phase ?? 'drafting'}`} data-test="draft-phase">
          {t(`phase.${d.phase ?? 'drafting'}`)}
          {d.phase === 'consultation' && d.consultation ? ` ${t('drafts.until', { date: dateTime(d.consultation.deadline) })}` : ''}
        </span>
        <span className="language-badge" data-test="draft-language" data-language={language}>
          <span className="visually-hidden">{t('drafts.writtenIn')} </span>
          <span lang={language}>{LANGUAGE_NAMES[language]}</span>
        </span>
      </span>
      <span className="muted">{t('drafts.created', { date: dateTime(d.createdAt) })}</span>
      <span className="draft-actions">
        <Link href={`/d/${d.id}/dashboard`}>{t('drafts.dashboard')}</Link>
        {canWrite && (
          <button className="link-button" onClick={onRename} aria-label={t('drafts.renameLabel', { title: d.title })}>
            {t('drafts.rename')}
          </button>
        )}
      </span>
    </>
  )
}

/** The list of drafts: open, rename and (for editors and chairs) create. */
export function DraftsPage({ me }: { me: Me }) {
  const { t } = useLocale()
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
        <h1>{t('drafts.heading')}</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {drafts === null && !error && <p role="status">{t('drafts.loading')}</p>}
        {drafts?.length === 0 && <p>{t('drafts.none')}</p>}
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
                <DraftItem draft={d} canWrite={canWrite} onRename={() => setRenaming(d.id)} />
              )}
            </li>
          ))}
        </ul>
      </div>
      {canWrite && <CreateDraftForm onCreated={(d) => navigate(`/d/${d.id}`)} />}
    </div>
  )
}
