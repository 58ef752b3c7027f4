import type { Logger } from '../logger'
import type { DocumentService } from '../documents/DocumentService'
import type { ParticipantService } from '../participants/ParticipantService'
import type { Store } from '../store/Store'
import { DEMO_TITLE, demoDraftContent } from './demoDraft'

/** The first chair of a new workspace. */
export const FIRST_CHAIR = { name: 'Task Force Chair', org: 'WIPO', role: 'chair' } as const
const BOOTSTRAP_SETTING = 'bootstrapChairId'
const SEEDED_SETTING = 'seeded'

export interface SeedResult {
  /** Secret of a one-time sign-in link for the first chair, while that chair has never signed in. */
  chairLinkSecret?: string
  /** The draft the link should open. */
  demoDocumentId?: string
}

/**
 * On a new workspace: creates the first chair and the demo draft. On every start until that chair
 * has signed in, issues a fresh one-time link (older unused ones stop working), so a newcomer who lost
 * the first link only has to restart.
 */
export async function seedWorkspace(
  store: Store,
  participants: ParticipantService,
  documents: DocumentService,
  logger: Logger,
  seedDemo: boolean,
): Promise<SeedResult> {
  if ((await store.getSettings())[SEEDED_SETTING] !== true) {
    const chair = await participants.create(FIRST_CHAIR)
    const settings: Record<string, string | boolean> = { [BOOTSTRAP_SETTING]: chair.id, [SEEDED_SETTING]: true }
    if (seedDemo) {
      // The demo invites delegations to comment at once, before any consultation is opened.
      const demo = await documents.createWithContent(DEMO_TITLE, demoDraftContent(), chair.id, { commentsOutsideConsultation: true })
      settings.demoDocumentId = demo.id
      logger.info('created the demo draft', { document: demo.id, title: demo.title })
    }
    await store.putSettings(settings)
  }
  const settings = await store.getSettings()
  const chairId = settings[BOOTSTRAP_SETTING]
  if (typeof chairId !== 'string') return {}
  const chair = await participants.get(chairId)
  if (!chair || chair.lastSignInAt || chair.revokedAt) return {}
  const demoDocumentId = typeof settings.demoDocumentId === 'string' ? settings.demoDocumentId : undefined
  return { chairLinkSecret: await participants.invite(chairId), ...(demoDocumentId ? { demoDocumentId } : {}) }
}
