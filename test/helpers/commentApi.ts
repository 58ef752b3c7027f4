import type { Comment, Disposition, DocumentMeta } from '../../shared/types'

/** A signed-in script talking to the drafts and comments API with fetch and a Bearer token. */
export function commentApi(baseUrl: string, token: string) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra })
  const json = async <T>(res: Response, expected: number): Promise<T> => {
    const body = await res.text()
    if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${body}`)
    return JSON.parse(body) as T
  }
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}/api${path}`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) })
  return {
    get: (path: string) => fetch(`${baseUrl}/api${path}`, { headers: headers() }),
    async drafts(): Promise<DocumentMeta[]> {
      return json<DocumentMeta[]>(await fetch(`${baseUrl}/api/documents`, { headers: headers() }), 200)
    },
    async createDraft(title: string, template: 'recommendations' | 'blank' = 'recommendations'): Promise<string> {
      return (await json<DocumentMeta>(await post('/documents', { title, template }), 201)).id
    },
    post,
    /** POSTs a file's bytes with the given content type. */
    upload: (path: string, bytes: Uint8Array | string, contentType: string) =>
      fetch(`${baseUrl}/api${path}`, {
        method: 'POST',
        headers: headers({ 'content-type': contentType }),
        body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
      }),
    async comment(documentId: string, input: Record<string, unknown>): Promise<Comment> {
      return json<Comment>(await post(`/documents/${documentId}/comments`, input), 201)
    },
    async resolve(documentId: string, commentId: string, disposition: Disposition, note: string): Promise<Comment> {
      return json<Comment>(await post(`/documents/${documentId}/comments/${commentId}/resolve`, { disposition, note }), 200)
    },
    async withdraw(documentId: string, commentId: string): Promise<Comment> {
      return json<Comment>(await fetch(`${baseUrl}/api/documents/${documentId}/comments/${commentId}`, { method: 'DELETE', headers: headers() }), 200)
    },
    async comments(documentId: string): Promise<Comment[]> {
      return json<Comment[]>(await fetch(`${baseUrl}/api/documents/${documentId}/comments`, { headers: headers() }), 200)
    },
    /** The body as bytes, after checking the status. */
    async download(path: string, expected = 200): Promise<{ res: Response; bytes: Buffer }> {
      const res = await fetch(`${baseUrl}/api${path}`, { headers: headers() })
      const bytes = Buffer.from(await res.arrayBuffer())
      if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${bytes.toString('utf8')}`)
      return { res, bytes }
    },
  }
}

export type CommentApi = ReturnType<typeof commentApi>
