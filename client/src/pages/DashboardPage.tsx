import { useEffect, useState } from 'react'
import type { Comment, DocumentMeta, Me } from '../../../shared/types'
import { api } from '../api/http'
import { Link } from '../routing/Link'
import { DISPOSITION_LABEL, STATUS_LABEL, TYPE_LABEL } from '../ui/labels'

/** Progress of the comment resolution for one draft. */
export function DashboardPage({ documentId }: { me: Me; documentId: string }) {
  const [meta, setMeta] = useState<DocumentMeta | null>(null)
  const [comments, setComments] = useState<Comment[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api<DocumentMeta>(`/documents/${documentId}`).then(setMeta, (err: Error) => setError(err.message))
    api<Comment[]>(`/documents/${documentId}/comments`).then(setComments, (err: Error) => setError(err.message))
  }, [documentId])

  const counted = comments?.filter((c) => c.status !== 'withdrawn') ?? []
  const decided = counted.filter((c) => c.status === 'resolved').length
  return (
    <div className="page dashboard-page">
      <h1>Comments on {meta?.title ?? '…'}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p data-test="dashboard-progress">
        {decided} of {counted.length} comments decided
      </p>
      <progress max={Math.max(1, counted.length)} value={decided} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Location</th>
            <th scope="col">Type</th>
            <th scope="col">Comment</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {comments?.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/d/${documentId}?comment=${encodeURIComponent(c.id)}`}>{c.id}</Link>
              </td>
              <td>{c.locator}</td>
              <td>{TYPE_LABEL[c.type]}</td>
              <td>{c.body}</td>
              <td>{c.resolution ? DISPOSITION_LABEL[c.resolution.disposition] : STATUS_LABEL[c.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
