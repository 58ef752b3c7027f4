import { canView } from '../../shared/policy'
import {
  EMAIL_ONLY_KINDS,
  type StoredNotification,
  notificationId,
  preferencesOf,
} from '../../shared/notifications'
import type { Participant } from '../../shared/types'
import type { Clock } from '../util/clock'
import type { NotificationEvent } from './commentEvents'
import { nextDigestAt } from './digestTime'
import { mentionedIn } from './mentions'

export interface PlannerDeps {
  /** Everyone in the workspace (revoked participants are left out here). */
  participants(): Promise<Participant[]>
  /** A draft's title, as the notification will tell it. */
  titleOf(documentId: string): Promise<string>
  clock: Clock
  /** Without SMTP_URL no e-mail is planned at all: turning mail on later does not send old news. */
  emailOn: boolean
}

/**
 * Turns events into outbox entries: for each person the event is for (and who may see what it is about,
 * by the policy's `canView`; never the one who did it), one entry for the bell and, if they have an address
 * and want e-mail of that kind, one e-mail entry, to go at once or with their next daily digest.
 */
export class NotificationPlanner {
  constructor(private readonly deps: PlannerDeps) {}

  async plan(events: readonly NotificationEvent[]): Promise<StoredNotification[]> {
    if (events.length === 0) return []
    const people = (await this.deps.participants()).filter((p) => !p.revokedAt)
    const titles = new Map<string, string>()
    const now = this.deps.clock.now()
    const entries: StoredNotification[] = []
    for (const event of events) {
      let title = titles.get(event.documentId)
      if (title === undefined) {
        title = await this.deps.titleOf(event.documentId)
        titles.set(event.documentId, title)
      }
      for (const person of this.recipients(event, people)) entries.push(...this.entriesFor(event, person, title, now))
    }
    return entries
  }

  private recipients(event: NotificationEvent, people: readonly Participant[]): Participant[] {
    const { audience } = event
    let chosen: Participant[]
    if (audience === 'everyone') chosen = [...people]
    else if ('role' in audience) chosen = people.filter((p) => p.role === audience.role)
    else if ('mentionedIn' in audience) chosen = mentionedIn(audience.mentionedIn, people)
    else chosen = people.filter((p) => audience.ids.includes(p.id))
    return chosen.filter(
      (p) =>
        p.id !== event.actorId &&
        (!event.visibleWith || canView(p, event.visibleWith)) &&
        !(event.unlessVisibleWith && canView(p, event.unlessVisibleWith)),
    )
  }

  private entriesFor(event: NotificationEvent, person: Participant, documentTitle: string, now: number): StoredNotification[] {
    const createdAt = new Date(now).toISOString()
    const base = {
      eventId: event.eventId,
      recipientId: person.id,
      documentId: event.documentId,
      documentTitle,
      ...(event.commentId ? { commentId: event.commentId } : {}),
      createdAt,
      facts: event.facts,
    }
    const entries: StoredNotification[] = []
    const kind = event.facts.kind
    if (!EMAIL_ONLY_KINDS.has(kind)) entries.push({ ...base, id: notificationId(event.eventId, person.id, 'app'), channel: 'app' })
    const prefs = preferencesOf(person.notificationPreferences)
    const choice = prefs.email[kind]
    if (this.deps.emailOn && person.email && choice !== 'off') {
      const id = notificationId(event.eventId, person.id, 'email')
      const sendAfter = choice === 'digest' ? new Date(nextDigestAt(now, prefs.digestTime, prefs.timeZone)).toISOString() : createdAt
      entries.push({
        ...base,
        id,
        channel: 'email',
        delivery: choice,
        state: 'pending',
        attempts: 0,
        // Everything for one person's digest at one time is one message: its id is that person and time.
        mailId: choice === 'digest' ? `digest~${person.id}~${sendAfter}` : id,
        sendAfter,
      })
    }
    return entries
  }
}
