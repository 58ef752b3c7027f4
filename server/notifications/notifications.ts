import { threadPath } from '../../shared/notifications'
import type { DocumentMeta, Participant } from '../../shared/types'
import { newSecret } from '../auth/secrets'
import type { CommentOutbox } from '../comments/CommentWriter'
import type { DocumentService } from '../documents/DocumentService'
import type { Logger } from '../logger'
import type { ParticipantService } from '../participants/ParticipantService'
import type { Store } from '../store/Store'
import type { Clock } from '../util/clock'
import { commentEvents } from './commentEvents'
import { ConsultationNotifier } from './ConsultationNotifier'
import { smtpTransport } from './mailTransport'
import { NotificationPlanner } from './NotificationPlanner'
import { DEFAULT_RETRY, NotificationSender, type RetryPolicy } from './NotificationSender'
import { NotificationService } from './NotificationService'
import { type UnsubscribeScope, unsubscribeToken } from './unsubscribeTokens'

/** The Store setting that holds the key unsubscribe links are signed with. */
const SECRET_SETTING = 'unsubscribeSecret'

export interface NotificationsConfig {
  store: Store
  participants: ParticipantService
  documents: DocumentService
  clock: Clock
  logger: Logger
  smtpUrl?: string
  mailFrom?: string
  retry?: Partial<RetryPolicy>
}

/** Everything about notifications, wired once by startServer. */
export interface Notifications {
  /** Given to CommentService: comment changes record their notifications in the same write. */
  outbox: CommentOutbox
  service: NotificationService
  /** Given to PhaseService: a phase change's news is recorded before the change is answered. */
  phaseChanged(meta: DocumentMeta): Promise<void>
  /** Starts delivery and the consultation reminders, once the public address is known. */
  start(publicUrl: string): Promise<void>
  stop(): Promise<void>
}

/** The key for unsubscribe links: made once and kept in the Store, so links in old e-mails keep working. */
async function unsubscribeSecret(store: Store): Promise<string> {
  const stored = (await store.getSettings())[SECRET_SETTING]
  if (typeof stored === 'string' && stored) return stored
  const secret = newSecret()
  await store.putSettings({ [SECRET_SETTING]: secret })
  return secret
}

/** A Message-ID's local part may not hold the outbox key's ':' or ','; base64url keeps it readable back. */
const messageLocalPart = (mailId: string) => Buffer.from(mailId).toString('base64url')

export async function createNotifications(config: NotificationsConfig): Promise<Notifications> {
  const { store, participants, documents, clock, logger } = config
  const emailOn = config.smtpUrl !== undefined
  const secret = await unsubscribeSecret(store)
  const everyone = () => participants.list()
  const planner = new NotificationPlanner({
    participants: everyone,
    titleOf: async (id) => (await store.getDocument(id))?.title ?? id,
    clock,
    emailOn,
  })
  const service = new NotificationService(store, participants, clock, secret, emailOn)
  let sender: NotificationSender | null = null
  const stored = () => sender?.kick()
  const consultations = new ConsultationNotifier({ documents, store, planner, participants: everyone, clock, logger, stored })

  return {
    outbox: { plan: (change) => planner.plan(commentEvents(change)), stored },
    service,
    phaseChanged: (meta) => consultations.phaseChanged(meta),
    async start(publicUrl) {
      if (config.smtpUrl) {
        const host = new URL(publicUrl).hostname
        const links = (recipient: Participant, scope: UnsubscribeScope) => ({
          thread: (entry: { documentId: string; commentId?: string }) => `${publicUrl}${threadPath(entry.documentId, entry.commentId)}`,
          settings: `${publicUrl}/settings`,
          unsubscribe: `${publicUrl}/api/unsubscribe?token=${unsubscribeToken(secret, { participantId: recipient.id, scope })}`,
        })
        sender = new NotificationSender({
          store,
          participant: (id) => participants.get(id),
          transport: smtpTransport(config.smtpUrl, config.mailFrom ?? `Accord <accord@${host}>`),
          links,
          messageId: (mailId) => `<${messageLocalPart(mailId)}@${host}>`,
          clock,
          retry: { ...DEFAULT_RETRY, ...config.retry },
          logger,
        })
        // Whatever a crash left pending goes out now.
        sender.start()
      }
      await consultations.start()
    },
    async stop() {
      consultations.stop()
      await sender?.stop()
    },
  }
}
