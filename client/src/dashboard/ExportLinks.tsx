import { useLocale } from '../i18n/useLocale'

/** The file formats by their usual names (the same in every language, apart from the words around them). */
const GROUPS = [
  {
    key: 'comments',
    path: 'comments/export',
    formats: [
      { format: 'xlsx', label: 'Excel (XLSX)' },
      { format: 'csv', label: 'CSV' },
      { format: 'docx', label: 'Word (DOCX)' },
    ],
  },
  {
    key: 'draft',
    path: 'export',
    formats: [
      { format: 'docx', label: 'Word (DOCX)' },
      { format: 'md', label: 'Markdown' },
      { format: 'html', label: 'HTML' },
    ],
  },
] as const

/** Download links for the comment-resolution table and the draft itself. */
export function ExportLinks({ documentId }: { documentId: string }) {
  const { t } = useLocale()
  const base = `/api/documents/${encodeURIComponent(documentId)}`
  return (
    <section className="export-links card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('dashboard.export.heading')}</h2>
      {GROUPS.map((group) => (
        <div key={group.key} className="export-group" role="group" aria-labelledby={`export-${group.key}-label`}>
          <span id={`export-${group.key}-label`} className="export-label">
            {t(`dashboard.export.${group.key}`)}
          </span>
          <div className="export-buttons">
            {group.formats.map(({ format, label }) => (
              <a
                key={format}
                className="button-link"
                href={`${base}/${group.path}?format=${format}`}
                download
                aria-label={t('dashboard.export.as', { what: t(`dashboard.export.${group.key}`), format: label })}
                data-test={`export-${group.key}-${format}`}
              >
                {label}
              </a>
            ))}
          </div>
        </div>
      ))}
      <p className="muted export-note">{t('dashboard.export.note')}</p>
    </section>
  )
}
