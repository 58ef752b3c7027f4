import * as Y from 'yjs'
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { fail } from '../../shared/errors'
import { CONTENT_FIELD } from '../../shared/protocol'
import { draftSchema } from '../../shared/schema/extensions'
import type { Participant, Version, VersionComment } from '../../shared/types'
import { newId } from '../auth/secrets'
import { editAs } from '../drafts/editAs'
import type { CommentService } from '../comments/CommentService'
import { personRef } from '../comments/CommentService'
import type { LiveDrafts } from '../drafts/LiveDrafts'
import type { Store, StoredVersion } from '../store/Store'

const schema = draftSchema()

export interface NewVersion {
  label: string
  note?: string
}

/**
 * Versions of a draft: immutable full states (the Yjs state and the draft as JSON) with the comments as
 * they stood. Never rebuilt from the update log (logs are compacted) and never from a snapshot of the
 * live doc (garbage collection stays on). Restoring one is a forward edit of the live draft.
 */
export class VersionService {
  constructor(
    private readonly store: Store,
    private readonly drafts: LiveDrafts,
    private readonly comments: CommentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Names the draft's current state; resolves once the version is durably stored. */
  async create(documentId: string, actor: Participant, input: NewVersion, kind: Version['kind'] = 'manual'): Promise<Version> {
    const { state, draft } = await this.drafts.use(documentId, (doc) => ({
      state: Y.encodeStateAsUpdate(doc),
      draft: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD)),
    }))
    // The committee's record: a delegation's unsubmitted drafts are not part of any version.
    const comments: VersionComment[] = (await this.store.listComments(documentId))
      .filter((c) => c.status !== 'draft')
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => ({ id: c.id, status: c.status, ...(c.resolution ? { disposition: c.resolution.disposition } : {}) }))
    const version: Version = {
      id: newId(),
      documentId,
      label: input.label,
      kind,
      createdAt: this.now().toISOString(),
      createdBy: personRef(actor),
      ...(input.note ? { note: input.note } : {}),
      comments,
    }
    await this.store.putVersion({ version, state, draft })
    return version
  }

  /** The draft's versions, oldest first; 404 when there is no such draft. */
  async list(documentId: string): Promise<Version[]> {
    if (!(await this.store.getDocument(documentId))) fail('draft.notFound')
    return this.store.listVersions(documentId)
  }

  async get(documentId: string, versionId: string): Promise<StoredVersion> {
    const stored = await this.store.getVersion(documentId, versionId)
    if (!stored) fail('version.notFound', { versionId })
    return stored
  }

  /**
   * Makes the live draft read as the version does, as one forward edit (nobody's history is rewritten;
   * unchanged words keep their identity, so comments on them stay put). Comments whose words come back
   * are attached to them again; the others keep their quotes.
   */
  async restore(documentId: string, versionId: string, actor: Participant): Promise<{ version: Version; reattached: string[] }> {
    const stored = await this.get(documentId, versionId)
    const target = schema.nodeFromJSON(stored.draft)
    await this.drafts.use(documentId, (doc) => {
      editAs(doc, personRef(actor), () => updateYFragment(doc, doc.getXmlFragment(CONTENT_FIELD), target, { mapping: new Map(), isOMark: new Map() }))
    })
    const reattached = await this.comments.reattachByQuote(documentId, actor)
    return { version: stored.version, reattached }
  }
}

/** The version's draft as a Y.Doc of its own, for exports and comparisons (never the live doc). */
export function versionDoc(stored: StoredVersion): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored.state)
  return doc
}
