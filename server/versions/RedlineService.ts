import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { fail } from '../../shared/errors'
import type { Redline } from '../../shared/redline/model'
import { redline } from '../../shared/redline/redline'
import { CONTENT_FIELD } from '../../shared/protocol'
import type { DraftAuthors } from '../../shared/types'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { Store } from '../store/Store'
import { attributionOf } from './attribution'
import { type VersionService, versionDoc } from './VersionService'

/** The live draft, named in `?to=live`. */
export const LIVE = 'live'

/** One of the two states compared: a version, or the draft as it is now. */
export interface ComparedState {
  id: string
  label: string
  /** When that state was: the version's time, or now. */
  at: string
}

export interface RedlineAnswer extends Redline {
  from: ComparedState
  to: ComparedState
}

/**
 * The redline between two states of a draft, attributed: inserted words credited to the people whose
 * edits the server received (its own record of who sent each clientID's updates).
 */
export class RedlineService {
  constructor(
    private readonly store: Store,
    private readonly drafts: LiveDrafts,
    private readonly versions: VersionService,
    private readonly now: () => Date,
  ) {}

  async compare(documentId: string, fromId: string, toId: string): Promise<RedlineAnswer> {
    if (fromId === LIVE) fail('request.invalid', { issues: 'from: a version id (the earlier state); "live" can only be the later one' })
    const from = await this.versions.get(documentId, fromId)
    const authors = await this.store.getDraftAuthors(documentId)
    const to = toId === LIVE ? await this.liveState(documentId, authors) : await this.versionState(documentId, toId, authors)
    const model = redline(from.draft as JSONContent, to.draft, { attribution: to.attribution })
    return {
      from: { id: from.version.id, label: from.version.label, at: from.version.createdAt },
      to: to.state,
      ...model,
    }
  }

  private liveState(documentId: string, authors: DraftAuthors) {
    return this.drafts.use(documentId, (doc) => ({
      ...read(doc, authors),
      state: { id: LIVE, label: 'The draft now', at: this.now().toISOString() },
    }))
  }

  private async versionState(documentId: string, versionId: string, authors: DraftAuthors) {
    const stored = await this.versions.get(documentId, versionId)
    const doc = versionDoc(stored)
    try {
      return { ...read(doc, authors), state: { id: stored.version.id, label: stored.version.label, at: stored.version.createdAt } }
    } finally {
      doc.destroy()
    }
  }
}

function read(doc: Y.Doc, authors: DraftAuthors) {
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  return { draft: yXmlFragmentToProsemirrorJSON(fragment) as JSONContent, attribution: attributionOf(fragment, authors) }
}
