import {
  type DeliveryReport,
  type NotificationItem,
  type NotificationList,
  type NotificationPreferences,
  type PreferencesPatch,
  type PreferencesView,
  type StoredNotification,
  preferencesOf,
} from '../../shared/notifications'
import type { Participant } from '../../shared/types'
import type { ParticipantService } from '../participants/ParticipantService'
import type { Store } from '../store/Store'
import type { Clock } from '../util/clock'
import { type Unsubscribe, type UnsubscribeScope, readUnsubscribeToken, unsubscribeToken } from './unsubscribeTokens'

/** The bell lists this many, newest first. */
export const LIST_LIMIT = 50

const itemOf = (n: StoredNotification): NotificationItem => ({
  id: n.id,
  documentId: n.documentId,
  documentTitle: n.documentTitle,
  ...(n.commentId ? { commentId: n.commentId } : {}),
  createdAt: n.createdAt,
  read: n.readAt !== undefined,
  facts: n.facts,
})

/**
 * What people do with their notifications: read the bell's list, mark entries read, choose what is
 * e-mailed and when, unsubscribe by link; and what chairs see of e-mail that did not go out.
 */
export class NotificationService {
  constructor(
    private readonly store: Store,
    private readonly participants: ParticipantService,
    private readonly clock: Clock,
    private readonly unsubscribeSecret: string,
    readonly emailOn: boolean,
  ) {}

  async list(reader: Participant): Promise<NotificationList> {
    const mine = await this.store.listNotifications({ recipientId: reader.id, channel: 'app' })
    return { unread: mine.filter((n) => !n.readAt).length, items: mine.slice(-LIST_LIMIT).reverse().map(itemOf) }
  }

  /** Marks the reader's entries read: those named, or all. Returns how many were unread. */
  async markRead(reader: Participant, ids: readonly string[] | null): Promise<number> {
    const readAt = new Date(this.clock.now()).toISOString()
    const unread = (await this.store.listNotifications({ recipientId: reader.id, channel: 'app' })).filter((n) => !n.readAt && (ids === null || ids.includes(n.id)))
    const byDraft = new Map<string, StoredNotification[]>()
    for (const n of unread) byDraft.set(n.documentId, [...(byDraft.get(n.documentId) ?? []), { ...n, readAt }])
    for (const [documentId, list] of byDraft) await this.store.updateNotifications(documentId, list)
    return unread.length
  }

  preferencesView(who: Participant): PreferencesView {
    return { preferences: preferencesOf(who.notificationPreferences), emailOn: this.emailOn, address: who.email ?? null }
  }

  async setPreferences(who: Participant, patch: PreferencesPatch): Promise<PreferencesView> {
    const current = preferencesOf(who.notificationPreferences)
    const next: NotificationPreferences = { ...current, ...patch, email: { ...current.email, ...patch.email } }
    return this.preferencesView(await this.participants.update(who.id, { notificationPreferences: next }))
  }

  /** A signed one-click link that turns off `scope` for `participantId` (e-mails carry one). */
  unsubscribeToken(participantId: string, scope: UnsubscribeScope): string {
    return unsubscribeToken(this.unsubscribeSecret, { participantId, scope })
  }

  /** Turns off what a signed link names; null when the link is not one of ours or its person is gone. */
  async unsubscribe(token: string): Promise<(Unsubscribe & { participant: Participant }) | null> {
    const request = readUnsubscribeToken(this.unsubscribeSecret, token)
    const participant = request && (await this.participants.get(request.participantId))
    if (!request || !participant) return null
    const prefs = preferencesOf(participant.notificationPreferences)
    const email = { ...prefs.email }
    for (const kind of Object.keys(email) as (keyof typeof email)[]) {
      if (request.scope === kind || (request.scope === 'digest' && email[kind] === 'digest')) email[kind] = 'off'
    }
    await this.participants.update(participant.id, { notificationPreferences: { ...prefs, email } })
    return { ...request, participant }
  }

  /** E-mail that has not gone out: given up, or being retried after a refusal. */
  async deliveries(): Promise<DeliveryReport> {
    const people = new Map((await this.participants.list()).map((p) => [p.id, p]))
    const failed = await this.store.listNotifications({ channel: 'email', state: 'failed' })
    const retrying = (await this.store.listNotifications({ channel: 'email', state: 'pending' })).filter((n) => n.lastError)
    const problems = [...failed, ...retrying].map((n) => {
      const p = people.get(n.recipientId)
      return {
        id: n.id,
        recipient: { id: n.recipientId, name: p?.name ?? '(removed)', org: p?.org ?? '', email: p?.email ?? null },
        kind: n.facts.kind,
        state: n.state === 'failed' ? ('failed' as const) : ('pending' as const),
        attempts: n.attempts ?? 0,
        lastError: n.lastError ?? '',
        createdAt: n.createdAt,
      }
    })
    return { emailOn: this.emailOn, problems }
  }
}
