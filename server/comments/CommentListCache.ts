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

/** What one audience sees: kept in document order and patched along with the entry. */
interface AudienceView {
  /** One of the audience's viewers (all of them see the same comments). */
  viewer: PolicyPrincipal
  items: OrderedComment[]
  /** Changes with every patch (ETags). */
  serial: number
  body: Promise<CommentListBody> | null
}

interface Entry {
  textVersion: number
  computedAt: number
  /** Settles once `all` is computed and every change announced so far is applied. */
  ready: Promise<void>
  /** Every comment, placed, in document order with sort keys. */
  all: OrderedComment[]
  byId: Map<string, OrderedComment>
  /** Per audience, built on first use. */
  views: Map<string, AudienceView>
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
 * redone only when the text changed. A change of some comments (a new one, a reply, a decision) patches
 * the list and every audience's view of it in place: only those comments are placed (and checked
 * against each audience), and each moves by binary search, so a write costs the same at 100 comments
 * as at 10,000. A page is a slice; the full list is serialized (and gzipped off the event loop) on demand.
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
    return (await this.view(documentId, viewer)).items.map((i) => i.comment)
  }

  /** The list `viewer` may see, serialized for GET …/comments; a draft that does not exist is a 404. */
  async body(documentId: string, viewer: PolicyPrincipal): Promise<CommentListBody> {
    const view = await this.view(documentId, viewer)
    view.body ??= this.serialize(view.items.map((i) => i.comment), view.serial)
    return view.body
  }

  /** `limit` comments after the one with id `after` (from the start without it); an `after` the viewer cannot see is a 404. */
  async page(documentId: string, viewer: PolicyPrincipal, limit: number, after?: string): Promise<CommentPage> {
    const entry = this.entry(documentId)
    const view = await this.view(documentId, viewer, entry)
    let start = 0
    if (after !== undefined) {
      const item = entry.byId.get(after)
      const at = item ? insertionIndex(view.items, item) : -1
      if (!item || view.items[at]?.comment.id !== after) fail('comment.notFound', { commentId: after })
      start = at + 1
    }
    const comments = view.items.slice(start, start + limit).map((i) => i.comment)
    const next = start + limit < view.items.length ? comments.at(-1)!.id : null
    return { comments, next, etag: `W/"${this.bootId}-${view.serial}-${limit}-${after ?? ''}"` }
  }

  private async view(documentId: string, viewer: PolicyPrincipal, entry = this.entry(documentId)): Promise<AudienceView> {
    await entry.ready
    const audience = audienceOf(viewer)
    let view = entry.views.get(audience)
    if (!view) {
      view = { viewer, items: entry.all.filter((i) => canView(viewer, i.comment)), serial: ++this.serials, body: null }
      entry.views.set(audience, view)
    }
    return view
  }

  private entry(documentId: string): Entry {
    // The version is read before computing: a change of text meanwhile leaves the entry stale, not wrong.
    const textVersion = this.drafts.textVersion(documentId)
    const cached = this.entries.get(documentId)
    if (cached && (cached.textVersion === textVersion || this.now() - cached.computedAt < TEXT_LAG_MS)) return cached
    const entry: Entry = { textVersion, computedAt: this.now(), ready: Promise.resolve(), all: [], byId: new Map(), views: new Map() }
    entry.ready = this.comments.listAllOrdered(documentId).then((all) => {
      entry.all = all
      entry.byId = new Map(all.map((i) => [i.comment.id, i]))
    })
    this.entries.set(documentId, entry)
    this.forgetIfFailed(documentId, entry)
    return entry
  }

  /** A failed computation (e.g. no such draft) is not kept: the next request tries again. */
  private forgetIfFailed(documentId: string, entry: Entry): void {
    entry.ready.catch(() => {
      if (this.entries.get(documentId) === entry) this.entries.delete(documentId)
    })
  }

  /**
   * Applies a change of some comments to the cached list and its views, in the order changes were
   * announced: removed ones leave, changed ones keep their sort key unless their anchors changed, new
   * and re-anchored ones are placed in the current text; each moves to its place by binary search.
   */
  private patch(documentId: string, event: CommentEvent): void {
    const entry = this.entries.get(documentId)
    if (!entry) return
    entry.ready = entry.ready.then(async () => {
      const toPlace = event.kind === 'remove' ? [] : event.comments.filter((c) => !sameAnchoring(entry.byId.get(c.id)?.comment, c))
      const orders = toPlace.length > 0 ? await this.comments.orderOf(documentId, toPlace) : []
      const placedOrder = new Map(toPlace.map((c, i) => [c.id, orders[i]!]))
      for (const comment of event.comments) {
        const old = entry.byId.get(comment.id)
        if (old) this.take(entry, old)
        if (event.kind === 'remove') continue
        this.put(entry, { comment, order: placedOrder.get(comment.id) ?? old!.order })
      }
      for (const view of entry.views.values()) {
        view.serial = ++this.serials
        view.body = null
      }
    })
    this.forgetIfFailed(documentId, entry)
  }

  private take(entry: Entry, item: OrderedComment): void {
    entry.byId.delete(item.comment.id)
    for (const list of [entry.all, ...[...entry.views.values()].map((v) => v.items)]) {
      const at = insertionIndex(list, item)
      if (list[at]?.comment.id === item.comment.id) list.splice(at, 1)
    }
  }

  private put(entry: Entry, item: OrderedComment): void {
    entry.byId.set(item.comment.id, item)
    entry.all.splice(insertionIndex(entry.all, item), 0, item)
    for (const view of entry.views.values()) if (canView(view.viewer, item.comment)) view.items.splice(insertionIndex(view.items, item), 0, item)
  }

  private async serialize(comments: Comment[], serial: number): Promise<CommentListBody> {
    const json = Buffer.from(JSON.stringify(comments))
    return { comments, json, gzip: await gzipAsync(json), etag: `W/"${this.bootId}-${serial}"` }
  }
}

/** Whether a changed comment sits where it sat (its sort key still holds). */
function sameAnchoring(before: Comment | undefined, after: Comment): boolean {
  return before !== undefined && before.scope === after.scope && JSON.stringify(before.anchors) === JSON.stringify(after.anchors)
}
