import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { Comment } from '../../shared/types'
import { type PolicyPrincipal, audienceOf, canView } from '../../shared/policy'
import type { LiveDrafts } from '../drafts/LiveDrafts'
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
  /** Every comment, placed: computed once and shared by every audience. */
  all: Promise<Comment[]>
  /** Per audience; the key EVERYONE holds the list of viewers who see every comment. */
  bodies: Map<string, Promise<CommentListBody>>
}

const EVERYONE = '*'

/**
 * How long a list stays served after the draft's text changed (ms). Locators and document order follow
 * the text, but every open editor places comments against its live text itself; without this, a draft
 * being typed in would recompute all its comments for every GET. A change of any comment invalidates
 * the list at once.
 */
const TEXT_LAG_MS = 2000

/**
 * The comment list of each draft for each audience (viewers who may see the same comments: see
 * `audienceOf` in shared/policy.ts), computed once and kept serialized until a comment changes or the
 * draft's text does (locators and order follow the text). At 10,000 comments, placing every comment
 * against the draft and serializing the list blocks the event loop for hundreds of milliseconds; before
 * this cache every GET paid that (issue 6: GET p99 was seconds, and every other request and every
 * keystroke waited behind it). Placing is done once for all audiences; an audience that sees every
 * comment shares one body. Concurrent requests share one computation.
 */
export class CommentListCache {
  private readonly entries = new Map<string, Entry>()
  private readonly commentVersions = new Map<string, number>()
  /** ETags must differ across restarts, whose version counters start again at 0. */
  private readonly bootId = randomBytes(6).toString('base64url')
  private computed = 0

  constructor(
    private readonly comments: CommentService,
    private readonly drafts: LiveDrafts,
    /** A monotonic clock in ms (the lag is about computing cost, not the business clock tests may fix). */
    private readonly now: () => number = () => performance.now(),
  ) {
    comments.on('changed', (documentId) => {
      this.commentVersions.set(documentId, (this.commentVersions.get(documentId) ?? 0) + 1)
      this.entries.delete(documentId)
    })
  }

  /** The comments `viewer` may see (current locators, document order). */
  async list(documentId: string, viewer: PolicyPrincipal): Promise<Comment[]> {
    return (await this.body(documentId, viewer)).comments
  }

  /** The list `viewer` may see, serialized for GET …/comments; a draft that does not exist is a 404. */
  async body(documentId: string, viewer: PolicyPrincipal): Promise<CommentListBody> {
    const entry = this.entry(documentId)
    const audience = audienceOf(viewer)
    let body = entry.bodies.get(audience)
    if (!body) {
      body = entry.all.then((all) => {
        const visible = all.filter((c) => canView(viewer, c))
        return visible.length === all.length ? this.everyone(entry, all) : this.serialize(visible)
      })
      entry.bodies.set(audience, body)
    }
    return body
  }

  private everyone(entry: Entry, all: Comment[]): Promise<CommentListBody> {
    let body = entry.bodies.get(EVERYONE)
    if (!body) {
      body = this.serialize(all)
      entry.bodies.set(EVERYONE, body)
    }
    return body
  }

  private entry(documentId: string): Entry {
    // Versions are read before computing: a change made meanwhile leaves the entry stale, not wrong.
    const textVersion = this.drafts.textVersion(documentId)
    const commentsVersion = this.commentVersions.get(documentId) ?? 0
    const cached = this.entries.get(documentId)
    const fresh = (e: Entry) => e.textVersion === textVersion || this.now() - e.computedAt < TEXT_LAG_MS
    if (cached && cached.commentsVersion === commentsVersion && fresh(cached)) return cached
    const entry: Entry = { textVersion, commentsVersion, computedAt: this.now(), all: this.comments.listAll(documentId), bodies: new Map() }
    this.entries.set(documentId, entry)
    // A failed computation (e.g. no such draft) is not kept: the next request tries again.
    entry.all.catch(() => {
      if (this.entries.get(documentId) === entry) this.entries.delete(documentId)
    })
    return entry
  }

  private async serialize(comments: Comment[]): Promise<CommentListBody> {
    const json = Buffer.from(JSON.stringify(comments))
    return { comments, json, gzip: await gzipAsync(json), etag: `W/"${this.bootId}-${++this.computed}"` }
  }
}
