import nodemailer from 'nodemailer'

/** One e-mail, ready to go. */
export interface OutgoingMail {
  to: { name: string; address: string }
  /** The outbox's idempotency key as a Message-ID: a message sent twice is recognisably the same message. */
  messageId: string
  subject: string
  text: string
  html: string
  /** The one-click unsubscribe link (RFC 8058). */
  unsubscribeUrl: string
}

/** What the sender needs of a mail server. */
export interface MailTransport {
  /** Resolves once the server has accepted the message (its 250); rejects with why not. */
  send(mail: OutgoingMail, signal: AbortSignal): Promise<void>
  close(): void
}

/** How long a silent SMTP server is waited for before the attempt counts as failed (and is retried). */
const SMTP_TIMEOUT_MS = 30_000

/** SMTP through nodemailer, configured by a URL such as `smtp://user:pass@host:587` (STARTTLS when offered). */
export function smtpTransport(url: string, from: string): MailTransport {
  // Shorter timeouts than nodemailer's (up to 10 minutes), so a stuck server cannot hold the outbox up for long.
  const transporter = nodemailer.createTransport(
    { url, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS },
    { from },
  )
  return {
    async send(mail, signal) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Unsubscribe' } },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
        signal,
      })
    },
    close: () => transporter.close(),
  }
}

/**
 * Whether retrying cannot help: the server refused for good (5xx, e.g. no such mailbox). Connection
 * failures, timeouts and 4xx ("try again later") are temporary.
 */
export function isPermanentFailure(err: unknown): boolean {
  const e = err as { responseCode?: unknown; permanent?: unknown }
  if (typeof e?.permanent === 'boolean') return e.permanent
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
}

/** Whether the error came from the mail server or the way to it (nodemailer's errors carry a code); anything else is a bug of ours, not worth retrying. */
export function isMailError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' || typeof (err as { responseCode?: unknown })?.responseCode === 'number'
}

/** A short reason for the chair's list of delivery problems. */
export function failureReason(err: unknown): string {
  const e = err as { response?: unknown; code?: unknown; message?: unknown }
  const text = typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err)
  return (typeof e?.code === 'string' ? `${e.code}: ${text}` : text).slice(0, 300)
}
