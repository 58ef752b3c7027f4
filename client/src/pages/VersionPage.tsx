import { EditorContent, useEditor } from '@tiptap/react'
import type { JSONContent } from '@tiptap/core'
import { useEffect, useState } from 'react'
import { draftExtensions } from '../../../shared/schema/extensions'
import type { Version } from '../../../shared/types'
import { RecommendationNumbers } from '../editor/recommendationNumbers'
import { BlockDirections } from '../editor/blockDirections'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'
import { nameAndOrg } from '../ui/labels'
import { versionApi, versionExportUrl } from '../versions/versionApi'

/** The text of one version, read-only, numbered as in the editor. */
function VersionText({ draft, label }: { draft: JSONContent; label: string }) {
  const editor = useEditor(
    {
      extensions: [...draftExtensions(), RecommendationNumbers, BlockDirections],
      content: draft,
      editable: false,
      editorProps: { attributes: { class: 'draft-content', 'data-test': 'version-text', role: 'region', 'aria-label': label } },
    },
    [draft],
  )
  return <EditorContent editor={editor} className="draft-editor" />
}

/** One version of a draft, opened read-only, with its downloads and a comparison with the draft now. */
export function VersionPage({ documentId, versionId }: { documentId: string; versionId: string }) {
  const { t, dateTime } = useLocale()
  const [loaded, setLoaded] = useState<{ version: Version; draft: JSONContent } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    versionApi.get(documentId, versionId).then(setLoaded, (err: Error) => setError(err.message))
  }, [documentId, versionId])

  if (error) {
    return (
      <div className="page narrow" role="alert">
        <h1>{t('versions.cannotOpen')}</h1>
        <p>{error}</p>
        <Link href={`/d/${documentId}`}>{t('common.backToDraft')}</Link>
      </div>
    )
  }
  if (!loaded) return <p role="status">{t('versions.opening')}</p>
  const { version } = loaded
  return (
    <div className="page version-page" data-test="version-page">
      <header className="dashboard-head">
        <div>
          <p className="dashboard-kicker">{t('versions.kicker')}</p>
          <h1 data-test="version-title" dir="auto">
            {version.label}
          </h1>
          <p className="muted">
            {dateTime(version.createdAt, 'long')} · {nameAndOrg(version.createdBy)}
            {version.note ? ` · ${version.note}` : ''}
          </p>
        </div>
        <div className="thread-actions">
          <Link href={`/d/${documentId}/compare?${new URLSearchParams({ from: version.id, to: 'live' })}`} className="button-link">
            {t('versions.compareNow')}
          </Link>
          <a className="button-link" href={versionExportUrl(documentId, version.id, 'docx')} download>
            {t('common.word')}
          </a>
          <Link href={`/d/${documentId}`} className="button-link">
            {t('common.backToDraft')}
          </Link>
        </div>
      </header>
      <VersionText draft={loaded.draft} label={t('versions.textLabel')} />
    </div>
  )
}
