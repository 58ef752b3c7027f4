import { type StoredNotification, dueAt, preferencesOf } from '../../shared/notifications'
import type { Participant } from '../../shared/types'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import type { Clock } from '../util/clock'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { type MailContent, type MailLinks, digestMail, singleMail } from './mailContent'
import { type MailTransport, failureReason, isMailError, isPermanentFailure } from './mailTransport'
import type { UnsubscribeScope } from './unsubscribeTokens'

/** How often and how patiently a refused e-mail is tried again. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles with each further one. */
  firstDelayMs: number
  maxDelayMs: number
  /** After this many attempts the e-mail is given up as failed (the chair sees it). */
  maxAttempts: number
}

/** 30 s, 1 min, 2 min, … up to an hour between attempts; given up after 12 (about five hours). */
export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 60 * 60_000, maxAttempts: 12 }

export interface SenderDeps {
  store: Store
  participant(id: string): Promise<Participant | undefined>
  transport: MailTransport
  /** The links an e-mail to `recipient` carries; `scope` is what its unsubscribe link turns off. */
  links(recipient: Participant, scope: UnsubscribeScope): MailLinks
  /** The Message-ID of the message with this outbox key (the same on every attempt). */
  messageId(mailId: string): string
  clock: Clock
  retry: RetryPolicy
  logger: Logger
}

/**
 * How long an instance holds a message it claimed (a store shared by several instances): longer than an
 * attempt can take (connection, greeting and reply each time out after 30 s), so a live sender is never
 * overtaken; a dead one's messages go from another instance after it.
 */
export const CLAIM_MS = 5 * 60_000

const mailIdOf = (n: StoredNotification) => n.mailId ?? n.id

/**
 * Delivers the e-mail outbox. One loop at a time: it takes the entries that are due, groups them into
 * messages (an entry of its own, or one person's daily digest), checks the person still wants them, records
 * the attempt, sends, and records the outcome. A refusal is retried with exponential backoff (by the
 * injected clock); a permanent refusal, or too many attempts, marks the entry failed for the chair to see.
 *
 * Nothing lost: an entry leaves `pending` only once the SMTP server has accepted it (or for good reasons,
 * recorded). Nothing doubled: each message's Message-ID is its outbox key, the same on every attempt; an
 * entry marked sent is never sent again; with several instances on one store, each message is claimed
 * atomically before it is sent (Store.claimMail), so one instance sends it. The one window SMTP leaves
 * open is a crash after the server's 250 and before "sent" is written (milliseconds): the message is then
 * sent again after the restart with the same Message-ID, which mail systems and clients treat as the same
 * message. Losing it instead would break
 * the promise that matters more; an SMTP server cannot be asked what it already has.
 */
export class NotificationSender {
  private running = false
  private again = false
  private stopped = false
  private loop: Promise<void> = Promise.resolve()
  private cancelTimer: (() => void) | null = null
  private readonly abort = new AbortController()

  constructor(private readonly deps: SenderDeps) {}

  /** Delivers whatever is due (after a restart: everything still pending) and waits for what comes. */
  start(): void {
    this.kick()
  }

  /** Something new may be due: run the loop now (or once more after the one running). */
  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    this.loop = this.run()
  }

  /** Stops: no new attempts, the one in flight is aborted (it stays pending and goes after the next start). */
  async stop(): Promise<void> {
    this.stopped = true
    this.cancelTimer?.()
    this.abort.abort()
    await this.loop
    this.deps.transport.close()
  }

  private async run(): Promise<void> {
    for (;;) {
      this.again = false
      try {
        await this.deliverDue()
        await this.scheduleNext()
      } catch (err) {
        this.deps.logger.error('the e-mail outbox could not be read or written; retrying', { error: String(err) })
        this.wakeAt(this.deps.clock.now() + this.deps.retry.firstDelayMs)
      }
      // Decided without an await after it: a kick from now on starts a new loop.
      if (!this.again || this.stopped) {
        this.running = false
        return
      }
    }
  }

  private async deliverDue(): Promise<void> {
    const now = this.deps.clock.now()
    const due = (await this.deps.store.listNotifications({ channel: 'email', state: 'pending' })).filter((n) => dueAt(n) <= now)
    const messages = new Map<string, StoredNotification[]>()
    for (const n of due) messages.set(mailIdOf(n), [...(messages.get(mailIdOf(n)) ?? []), n])
    for (const [mailId, entries] of messages) {
      if (this.stopped) return
      await this.deliver(mailId, entries)
    }
  }

  private async deliver(mailId: string, entries: StoredNotification[]): Promise<void> {
    const { clock, retry } = this.deps
    const recipient = await this.deps.participant(entries[0]!.recipientId)
    const prefs = preferencesOf(recipient?.notificationPreferences)
    const address = recipient && !recipient.revokedAt ? recipient.email : undefined
    // Checked again now: someone who unsubscribed, lost their address or was revoked since gets nothing.
    const isWanted = (e: StoredNotification) => address !== undefined && prefs.email[e.facts.kind] !== 'off'
    const wanted = entries.filter(isWanted)
    const unwanted = entries.filter((e) => !isWanted(e))
    if (unwanted.length > 0) await this.record(unwanted.map((e) => ({ ...e, state: 'cancelled', lastError: address ? 'turned off by the recipient' : 'no e-mail address' })))
    if (!recipient || !address || wanted.length === 0) return

    const claimed = (await this.claim(mailId, wanted)).filter(isWanted)
    if (claimed.length === 0) return // another instance is sending it
    const attempts = Math.max(...claimed.map((e) => e.attempts ?? 1))
    const digest = claimed.length > 1 || claimed[0]!.delivery === 'digest'
    const links = this.deps.links(recipient, digest ? 'digest' : claimed[0]!.facts.kind)
    try {
      // Inside the try: an entry that cannot be put into words fails alone instead of blocking the outbox.
      const reader = { language: recipient.language ?? DEFAULT_LANGUAGE, timeZone: prefs.timeZone }
      const content: MailContent = digest ? digestMail(claimed, links, reader) : singleMail(claimed[0]!, links, reader)
      await this.deps.transport.send(
        { to: { name: recipient.name, address }, messageId: this.deps.messageId(mailId), ...content, unsubscribeUrl: links.unsubscribe },
        this.abort.signal,
      )
    } catch (err) {
      if (this.stopped) return // aborted by stop(): still pending, sent after the next start
      const permanent = isPermanentFailure(err) || !isMailError(err)
      const lastError = failureReason(err)
      this.deps.logger.warn('an e-mail was not accepted', { mailId, attempts, permanent, error: lastError })
      const giveUp = permanent || attempts >= retry.maxAttempts
      const retryAt = new Date(clock.now() + Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempts - 1))).toISOString()
      await this.record(claimed.map((e) => ({ ...e, lastError, ...(giveUp ? { state: 'failed' as const } : { sendAfter: retryAt }) })))
      return
    }
    const sentAt = new Date(clock.now()).toISOString()
    await this.record(claimed.map((e) => ({ ...e, state: 'sent' as const, sentAt })))
  }

  /**
   * Takes the message for this attempt, and records the attempt before it is made: a crash during it is
   * counted, and the next attempt is the same message (same Message-ID). A store shared by several
   * instances claims it atomically and answers the entries as stored now (none when another instance has
   * it); a store of one instance has one sender, this one.
   */
  private async claim(mailId: string, wanted: StoredNotification[]): Promise<StoredNotification[]> {
    const { store, clock } = this.deps
    if (store.claimMail) return store.claimMail(mailId, clock.now(), CLAIM_MS)
    return this.record(wanted.map((e) => ({ ...e, attempts: (e.attempts ?? 0) + 1 })))
  }

  /** Durably writes changed entries (each in its draft's outbox). */
  private async record(entries: StoredNotification[]): Promise<StoredNotification[]> {
    const byDraft = new Map<string, StoredNotification[]>()
    for (const e of entries) byDraft.set(e.documentId, [...(byDraft.get(e.documentId) ?? []), e])
    for (const [documentId, list] of byDraft) await this.deps.store.updateNotifications(documentId, list)
    return entries
  }

  /** Wakes the loop when the next pending entry falls due (a digest's time, a retry). */
  private async scheduleNext(): Promise<void> {
    const pending = await this.deps.store.listNotifications({ channel: 'email', state: 'pending' })
    if (pending.length === 0) return
    const now = this.deps.clock.now()
    const next = Math.min(...pending.map(dueAt))
    // Still due after a whole pass means this pass could not deliver it (the store failed): wait a little.
    this.wakeAt(next <= now && !this.again ? now + this.deps.retry.firstDelayMs : next)
  }

  private wakeAt(at: number): void {
    this.cancelTimer?.()
    this.cancelTimer = this.deps.clock.at(at, () => this.kick())
  }
}
