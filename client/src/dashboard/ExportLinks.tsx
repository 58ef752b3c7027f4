const GROUPS = [
  {
    key: 'comments',
    label: 'Comment-resolution table',
    path: 'comments/export',
    formats: [
      { format: 'xlsx', label: 'Excel (XLSX)' },
      { format: 'csv', label: 'CSV' },
      { format: 'docx', label: 'Word (DOCX)' },
    ],
  },
  {
    key: 'draft',
    label: 'The draft',
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
  const base = `/api/documents/${encodeURIComponent(documentId)}`
  return (
    <section className="export-links card" aria-labelledby="export-heading">
      <h2 id="export-heading">Download</h2>
      {GROUPS.map((group) => (
        <div key={group.key} className="export-group" role="group" aria-labelledby={`export-${group.key}-label`}>
          <span id={`export-${group.key}-label`} className="export-label">
            {group.label}
          </span>
          <div className="export-buttons">
            {group.formats.map(({ format, label }) => (
              <a
                key={format}
                className="button-link"
                href={`${base}/${group.path}?format=${format}`}
                download
                aria-label={`${group.label} as ${label}`}
                data-test={`export-${group.key}-${format}`}
              >
                {label}
              </a>
            ))}
          </div>
        </div>
      ))}
      <p className="muted export-note">The table lists every comment in document order, general comments first, with the decisions taken so far. Withdrawn comments are left out.</p>
    </section>
  )
}
