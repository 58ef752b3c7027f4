import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { Comment, CommentEvent } from '../../shared/types'
import { fail } from '../../shared/errors'
import { type PolicyPrincipal, audienceOf, canView } from '../../shared/policy'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { CommentService } from './CommentService'
import { type OrderedComment, insertionIndex } from './documentOrder'

const gzipAsync = promisify(gzip)

/** A draft's comment list ready to send: JSON, its gzip (made off the event loop) and an ETag. */
export interface CommentListBody {
  comments: Comment[]
  json: Buffer
  gzip: Buffer
  etag: string
}

/** One page of the list (`GET …/comments?limit=&after=`): the comments, the cursor of the next page, an ETag. */
export interface CommentPage {
  comments: Comment[]
  /** The id to pass as `after` for the next page; null on the last page. */
  next: string | null
  etag: string
}

/** What one audience sees of an entry, derived once per change of the list. */
interface AudienceView {
  serial: number
  comments: Comment[]
  /** Index of each comment id in `comments` (for page cursors), built on first use. */
  positions: Map<string, number> | null
  body: Promise<CommentListBody> | null
}

interface Entry {
  textVersion: number
  computedAt: number
  /** Every comment, placed, in document order with sort keys: computed once, then patched as comments change. */
  all: Promise<OrderedComment[]>
  /** Per audience; dropped whenever `all` changes. */
  views: Map<string, Promise<AudienceView>>
}

/**
 * How long a list stays served after the draft's text changed (ms). Locators and document order follow
 * the text, but every open editor places comments against its live text itself; without this, a draft
 * being typed in would recompute all its comments for every GET.
 */
const TEXT_LAG_MS = 2000

/**
 * The comment list of each draft for each audience (viewers who may see the same comments: see
 * `audienceOf` in shared/policy.ts). Placing every comment against the draft blocks the event loop for
 * hundreds of milliseconds at 10,000 comments, so it is done once per draft (for all audiences) and
 * redone only when the text changed; a change of some comments (a new one, a reply, a decision) patches
 * the list in place, placing only those comments. Each audience's list, its page index and its
 * serialized full body are derived lazily and shared by concurrent requests.
 */
export class CommentListCache {
  private readonly entries = new Map<string, Entry>()
  /** ETags must differ across restarts, whose counters start again at 0. */
  private readonly bootId = randomBytes(6).toString('base64url')
  private serials = 0

  constructor(
    private readonly comments: CommentService,
    private readonly drafts: LiveDrafts,
    /** A monotonic clock in ms (the lag is about computing cost, not the business clock tests may fix). */
    private readonly now: () => number = () => performance.now(),
  ) {
    comments.on('changed', (documentId, event) => this.patch(documentId, event))
  }

  /** The comments `viewer` may see (current locators, document order). */
  async list(documentId: string, viewer: PolicyPrincipal): Promise<Comment[]> {
    return (await this.view(documentId, viewer)).comments
  }

  /** The list `viewer` may see, serialized for GET …/comments; a draft that does not exist is a 404. */
  async body(documentId: string, viewer: PolicyPrincipal): Promise<CommentListBody> {
    const view = await this.view(documentId, viewer)
    view.body ??= this.serialize(view)
    return view.body
  }

  /** `limit` comments after the one with id `after` (from the start without it); an `after` the viewer cannot see is a 404. */
  async page(documentId: string, viewer: PolicyPrincipal, limit: number, after?: string): Promise<CommentPage> {
    const view = await this.view(documentId, viewer)
    let start = 0
    if (after !== undefined) {
      view.positions ??= new Map(view.comments.map((c, i) => [c.id, i]))
      const at = view.positions.get(after)
      if (at === undefined) fail('comment.notFound', { commentId: after })
      start = at + 1
    }
    const comments = view.comments.slice(start, start + limit)
    const next = start + limit < view.comments.length ? comments.at(-1)!.id : null
    return { comments, next, etag: `W/"${this.bootId}-${view.serial}-${limit}-${after ?? ''}"` }
  }

  private view(documentId: string, viewer: PolicyPrincipal): Promise<AudienceView> {
    const entry = this.entry(documentId)
    const audience = audienceOf(viewer)
    let view = entry.views.get(audience)
    if (!view) {
      view = entry.all.then((all) => {
        const visible: Comment[] = []
        for (const { comment } of all) if (canView(viewer, comment)) visible.push(comment)
        return { serial: ++this.serials, comments: visible, positions: null, body: null }
      })
      entry.views.set(audience, view)
    }
    return view
  }

  private entry(documentId: string): Entry {
    // The version is read before computing: a change of text meanwhile leaves the entry stale, not wrong.
    const textVersion = this.drafts.textVersion(documentId)
    const cached = this.entries.get(documentId)
    if (cached && (cached.textVersion === textVersion || this.now() - cached.computedAt < TEXT_LAG_MS)) return cached
    const entry: Entry = { textVersion, computedAt: this.now(), all: this.comments.listAllOrdered(documentId), views: new Map() }
    this.entries.set(documentId, entry)
    this.forgetIfFailed(documentId, entry)
    return entry
  }

  /** A failed computation (e.g. no such draft) is not kept: the next request tries again. */
  private forgetIfFailed(documentId: string, entry: Entry): void {
    entry.all.catch(() => {
      if (this.entries.get(documentId) === entry) this.entries.delete(documentId)
    })
  }

  /**
   * Applies a change of some comments to the cached list: removed ones leave it, changed ones keep their
   * place unless their anchors changed, new and re-anchored ones are placed in the current text and
   * inserted in document order. Changes apply in the order they were announced.
   */
  private patch(documentId: string, event: CommentEvent): void {
    const entry = this.entries.get(documentId)
    if (!entry) return
    entry.views = new Map()
    entry.all = entry.all.then(async (all) => {
      const changed = new Map(event.comments.map((c) => [c.id, c]))
      const kept: OrderedComment[] = []
      const toPlace: Comment[] = []
      for (const item of all) {
        const update = changed.get(item.comment.id)
        if (!update) kept.push(item)
        else if (event.kind !== 'remove' && sameAnchoring(item.comment, update)) {
          kept.push({ comment: update, order: item.order })
          changed.delete(update.id)
        }
      }
      if (event.kind !== 'remove') toPlace.push(...changed.values())
      if (toPlace.length === 0) return kept
      const orders = await this.comments.orderOf(documentId, toPlace)
      toPlace.forEach((comment, i) => {
        const item = { comment, order: orders[i]! }
        kept.splice(insertionIndex(kept, item), 0, item)
      })
      return kept
    })
    this.forgetIfFailed(documentId, entry)
  }

  private async serialize(view: AudienceView): Promise<CommentListBody> {
    const json = Buffer.from(JSON.stringify(view.comments))
    return { comments: view.comments, json, gzip: await gzipAsync(json), etag: `W/"${this.bootId}-${view.serial}"` }
  }
}

/** Whether a changed comment sits where it sat (its sort key still holds). */
function sameAnchoring(before: Comment, after: Comment): boolean {
  return before.scope === after.scope && JSON.stringify(before.anchors) === JSON.stringify(after.anchors)
}
