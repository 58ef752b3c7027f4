import { EventEmitter } from 'node:events'
import type { JSONContent } from '@tiptap/core'
import { draftFacts } from '../../shared/phases'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import type { DocumentMeta } from '../../shared/types'
import { newId } from '../auth/secrets'
import { fail } from '../../shared/errors'
import type { Store } from '../store/Store'
import { draftStateFromJson } from './draftState'
import { type TemplateName, templateContent } from './templates'

/** A draft's record as the API sends it: its phase, round and language always filled in. */
export const presentDraft = (meta: DocumentMeta): DocumentMeta => {
  const { phase, round } = draftFacts(meta)
  return { ...meta, phase, round, language: meta.language ?? DEFAULT_LANGUAGE }
}

/**
 * Drafts: the list, creation from a template, renaming, settings, and storing a changed record (phases).
 * Emits `changed` with the new record after every change, so open windows and the relay follow at once.
 */
export class DocumentService extends EventEmitter<{ changed: [DocumentMeta] }> {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    super()
  }

  async list(): Promise<DocumentMeta[]> {
    const docs = await this.store.listDocuments()
    return docs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map(presentDraft)
  }

  /** The draft, or a 404. */
  async get(id: string): Promise<DocumentMeta> {
    const meta = await this.store.getDocument(id)
    if (!meta) fail('draft.notFound')
    return presentDraft(meta)
  }

  /** A new draft from a template, whose headings are in the draft's language. */
  create(title: string, template: TemplateName, createdBy?: string, language: Language = DEFAULT_LANGUAGE): Promise<DocumentMeta> {
    return this.createWithContent(title, templateContent(template, sharedTranslate(language)), createdBy, { language })
  }

  async createWithContent(
    title: string,
    content: JSONContent,
    createdBy?: string,
    settings: Pick<DocumentMeta, 'commentsOutsideConsultation' | 'language'> = {},
  ): Promise<DocumentMeta> {
    const now = this.now().toISOString()
    const meta: DocumentMeta = {
      id: newId(),
      title,
      createdAt: now,
      updatedAt: now,
      ...(createdBy ? { createdBy } : {}),
      phase: 'drafting',
      round: 1,
      ...settings,
    }
    await this.store.createDocument(meta, draftStateFromJson(content))
    return presentDraft(meta)
  }

  /** Changes the title or the settings. */
  async update(id: string, patch: { title?: string | undefined; commentsOutsideConsultation?: boolean | undefined }): Promise<DocumentMeta> {
    const meta = await this.get(id)
    return this.save({
      ...meta,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.commentsOutsideConsultation !== undefined ? { commentsOutsideConsultation: patch.commentsOutsideConsultation } : {}),
    })
  }

  /** Stores a changed record (the phase service's transitions) and announces it. */
  async save(meta: DocumentMeta): Promise<DocumentMeta> {
    const updated = { ...meta, updatedAt: this.now().toISOString() }
    await this.store.putDocumentMeta(updated)
    const presented = presentDraft(updated)
    this.emit('changed', presented)
    return presented
  }
}
