import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { Comment } from '../../shared/types'
import type { RoomRegistry } from '../relay/RoomRegistry'
import type { CommentService } from './CommentService'

const gzipAsync = promisify(gzip)

/** A draft's comment list ready to send: JSON, its gzip (made off the event loop) and an ETag. */
export interface CommentListBody {
  comments: Comment[]
  json: Buffer
  gzip: Buffer
  etag: string
}

interface Entry {
  textVersion: number
  commentsVersion: number
  computedAt: number
  body: Promise<CommentListBody>
}

/**
 * How long a list stays served after the draft's text changed (ms). Locators and document order follow
 * the text, but every open editor places comments against its live text itself; without this, a draft
 * being typed in would recompute all its comments for every GET. A change of any comment invalidates
 * the list at once.
 */
const TEXT_LAG_MS = 2000

/**
 * The comment list of each draft, computed once and kept serialized until a comment changes or the
 * draft's text does (locators and order follow the text). At 10,000 comments, placing every comment
 * against the draft and serializing the list blocks the event loop for hundreds of milliseconds;
 * before this cache every GET paid that (issue 6: GET p99 was seconds, and every other request and
 * every keystroke waited behind it). Concurrent requests share one computation.
 */
export class CommentListCache {
  private readonly entries = new Map<string, Entry>()
  private readonly commentVersions = new Map<string, number>()
  /** ETags must differ across restarts, whose version counters start again at 0. */
  private readonly bootId = randomBytes(6).toString('base64url')
  private computed = 0

  constructor(
    private readonly comments: CommentService,
    private readonly registry: RoomRegistry,
    /** A monotonic clock in ms (the lag is about computing cost, not the business clock tests may fix). */
    private readonly now: () => number = () => performance.now(),
  ) {
    comments.on('changed', (documentId) => {
      this.commentVersions.set(documentId, (this.commentVersions.get(documentId) ?? 0) + 1)
      this.entries.delete(documentId)
    })
  }

  /** The list as CommentService.list returns it (current locators, document order). */
  async list(documentId: string): Promise<Comment[]> {
    return (await this.body(documentId)).comments
  }

  /** The list serialized for GET …/comments; a draft that does not exist is a 404 (from CommentService). */
  async body(documentId: string): Promise<CommentListBody> {
    // Versions are read before computing: a change made meanwhile leaves the entry stale, not wrong.
    const textVersion = this.registry.textVersion(documentId)
    const commentsVersion = this.commentVersions.get(documentId) ?? 0
    const cached = this.entries.get(documentId)
    const fresh = (e: Entry) => e.textVersion === textVersion || this.now() - e.computedAt < TEXT_LAG_MS
    if (cached && cached.commentsVersion === commentsVersion && fresh(cached)) return cached.body
    const entry: Entry = { textVersion, commentsVersion, computedAt: this.now(), body: this.compute(documentId) }
    this.entries.set(documentId, entry)
    // A failed computation (e.g. no such draft) is not kept: the next request tries again.
    entry.body.catch(() => {
      if (this.entries.get(documentId) === entry) this.entries.delete(documentId)
    })
    return entry.body
  }

  private async compute(documentId: string): Promise<CommentListBody> {
    const comments = await this.comments.list(documentId)
    const json = Buffer.from(JSON.stringify(comments))
    return { comments, json, gzip: await gzipAsync(json), etag: `W/"${this.bootId}-${++this.computed}"` }
  }
}
