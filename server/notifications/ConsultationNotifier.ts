import { draftFacts } from '../../shared/phases'
import type { DocumentMeta, Participant } from '../../shared/types'
import type { DocumentService } from '../documents/DocumentService'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import type { Clock } from '../util/clock'
import type { NotificationEvent } from './commentEvents'
import type { NotificationPlanner } from './NotificationPlanner'

const DAY_MS = 24 * 60 * 60 * 1000
/** Reminders go this many days before a deadline. */
export const REMINDER_DAYS = [7, 1] as const
/** A phase change older than this when first seen (a restart long after) is old news: nobody is told. */
const NEWS_MS = DAY_MS

export interface ConsultationNotifierDeps {
  documents: DocumentService
  store: Store
  planner: NotificationPlanner
  participants(): Promise<Participant[]>
  clock: Clock
  logger: Logger
  /** New entries are durable: deliver them. */
  stored(): void
}

/**
 * Tells people about consultations: opened and closed (everyone), and 7 days and 1 day before the deadline
 * the delegations that have not commented (or, with a focal point, not submitted) in this round. Each is
 * derived from the draft's record and the clock, with a fixed event id, so it is recorded at most once:
 * when the phase changes (PhaseService waits for it before answering), and again on every start (after a
 * crash between the phase change and its notifications, or a server that was down when a reminder fell due).
 */
export class ConsultationNotifier {
  private readonly timers = new Map<string, () => void>()

  constructor(private readonly deps: ConsultationNotifierDeps) {}

  async start(): Promise<void> {
    for (const meta of await this.deps.documents.list()) await this.check(meta)
  }

  /**
   * A draft's phase changed: its news is recorded before the change is answered. Failing here does not undo
   * the change (it is saved): the news is recorded at the next start instead.
   */
  async phaseChanged(meta: DocumentMeta): Promise<void> {
    await this.check(meta).catch((err: unknown) =>
      this.deps.logger.error('could not record consultation notifications; they are recorded at the next start', { document: meta.id, error: String(err) }),
    )
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel()
    this.timers.clear()
  }

  private watch(meta: DocumentMeta): void {
    void this.phaseChanged(meta)
  }

  private async check(meta: DocumentMeta): Promise<void> {
    await this.phaseNews(meta)
    this.timers.get(meta.id)?.()
    this.timers.delete(meta.id)
    const { phase, consultation } = draftFacts(meta)
    if (phase !== 'consultation' || !consultation) return
    const now = this.deps.clock.now()
    const deadline = Date.parse(consultation.deadline)
    const reminders = REMINDER_DAYS.map((days) => ({ days, at: deadline - days * DAY_MS })).filter(
      // A consultation opened 5 days before its deadline gets no "7 days left".
      (r) => r.at > Date.parse(consultation.opensAt) && now < deadline,
    )
    const due = reminders.filter((r) => r.at <= now)
    // A server that was down for both: only the latest one is news.
    const latest = due.at(-1)
    if (latest) await this.remind(meta, latest.days)
    const next = reminders.find((r) => r.at > now)
    if (next) this.timers.set(meta.id, this.deps.clock.at(next.at, () => this.watch(meta)))
  }

  /** A consultation that has just opened or closed. */
  private async phaseNews(meta: DocumentMeta): Promise<void> {
    const history = meta.phaseHistory ?? []
    const last = history.at(-1)
    if (!last || this.deps.clock.now() - Date.parse(last.at) > NEWS_MS) return
    const { consultation } = draftFacts(meta)
    if (!consultation) return
    const { reference, deadline } = consultation
    if (last.phase === 'consultation') {
      await this.record(meta, { eventId: `opened:${meta.id}:${last.round}`, facts: { kind: 'consultationOpened', reference, deadline, by: last.by }, actorId: last.by?.id ?? null, audience: 'everyone' })
    } else if (last.phase === 'resolution' && history.at(-2)?.phase === 'consultation') {
      await this.record(meta, { eventId: `closed:${meta.id}:${last.round}`, facts: { kind: 'consultationClosed', reference, deadline }, actorId: null, audience: 'everyone' })
    }
  }

  /** Reminds the delegations that have nothing in this round yet (drafts not submitted do not count). */
  private async remind(meta: DocumentMeta, daysLeft: number): Promise<void> {
    const { round, consultation } = draftFacts(meta)
    if (!consultation) return
    const eventId = `reminder:${meta.id}:${round}:${daysLeft}d`
    if (await this.recorded(meta.id, eventId)) return
    const answered = new Set((await this.deps.store.listComments(meta.id)).filter((c) => c.status !== 'draft' && (c.round ?? 1) === round).map((c) => c.author.org))
    const silent = (await this.deps.participants()).filter((p) => p.role === 'commenter' && !p.revokedAt && !answered.has(p.org))
    if (silent.length === 0) return
    await this.record(meta, {
      eventId,
      facts: { kind: 'deadlineReminder', reference: consultation.reference, deadline: consultation.deadline, daysLeft },
      actorId: null,
      audience: { ids: silent.map((p) => p.id) },
    })
  }

  private async recorded(documentId: string, eventId: string): Promise<boolean> {
    return (await this.deps.store.listNotifications({ documentId, eventId })).length > 0
  }

  private async record(meta: DocumentMeta, event: Omit<NotificationEvent, 'documentId'>): Promise<void> {
    // Recorded once: people invited since are not told of it after a restart.
    if (await this.recorded(meta.id, event.eventId)) return
    const entries = await this.deps.planner.plan([{ ...event, documentId: meta.id }])
    if (entries.length === 0) return
    await this.deps.store.addNotifications(meta.id, entries)
    this.deps.stored()
  }
}
