import type { JSONContent } from '@tiptap/core'
import type { DocumentMeta } from '../../shared/types'
import { newId } from '../auth/secrets'
import { fail } from '../../shared/errors'
import type { Store } from '../store/Store'
import { draftStateFromJson } from './draftState'
import { type TemplateName, templateContent } from './templates'

/** Drafts: the list, creation from a template, renaming. */
export class DocumentService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<DocumentMeta[]> {
    const docs = await this.store.listDocuments()
    return docs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  /** The draft, or a 404. */
  async get(id: string): Promise<DocumentMeta> {
    const meta = await this.store.getDocument(id)
    if (!meta) fail('draft.notFound')
    return meta
  }

  create(title: string, template: TemplateName, createdBy?: string): Promise<DocumentMeta> {
    return this.createWithContent(title, templateContent(template), createdBy)
  }

  async createWithContent(title: string, content: JSONContent, createdBy?: string): Promise<DocumentMeta> {
    const now = this.now().toISOString()
    const meta: DocumentMeta = {
      id: newId(),
      title,
      createdAt: now,
      updatedAt: now,
      ...(createdBy ? { createdBy } : {}),
    }
    await this.store.createDocument(meta, draftStateFromJson(content))
    return meta
  }

  async rename(id: string, title: string): Promise<DocumentMeta> {
    const meta = await this.get(id)
    const updated = { ...meta, title, updatedAt: this.now().toISOString() }
    await this.store.putDocumentMeta(updated)
    return updated
  }
}
