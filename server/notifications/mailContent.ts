import { escapeHtml } from '../../shared/html'
import { DEFAULT_LANGUAGE, type Language, directionOf } from '../../shared/i18n/languages'
import { formatPlaceIn } from '../../shared/i18n/places'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import type { Translate } from '../../shared/i18n/translator'
import { type StoredNotification } from '../../shared/notifications'
import { formatDeadlineIn, notificationHeadline } from '../../shared/notificationText'

/** An e-mail's words: the subject, plain text, and the same as simple HTML. */
export interface MailContent {
  subject: string
  text: string
  html: string
}

/** Where the e-mail's links go. */
export interface MailLinks {
  /** The thread (or the draft) an entry is about. */
  thread(entry: StoredNotification): string
  settings: string
  unsubscribe: string
}

/** The reader's language and time zone: an e-mail is written in the language they chose in Accord. */
export interface MailReader {
  language: Language
  timeZone: string
}

/** Long comments are cut in e-mails: the link has the rest. */
const MAX_QUOTED = 600
const clip = (text: string) => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text)

/** What one e-mail needs to speak: the reader's language (its `t`) and time zone. */
interface Words extends MailReader {
  t: Translate
}

const wordsFor = (reader: MailReader): Words => ({ ...reader, t: sharedTranslate(reader.language) })
const headline = (entry: StoredNotification, w: Words) => notificationHeadline(entry.facts, w.timeZone, w.language, w.t)

/** The lines that tell one entry: label and words, so text and HTML say the same. */
function detailLines(entry: StoredNotification, { t, language, timeZone }: Words): [label: string, words: string][] {
  const f = entry.facts
  const quoted = (text: string) => t('mail.quoted', { text: clip(text) })
  const lines: [string, string][] = [[t('mail.draft'), entry.documentTitle]]
  if ('comment' in f) {
    lines.push([t('mail.comment'), `${f.comment.id} · ${formatPlaceIn(t, f.comment.place)}`])
    if (f.comment.quote) lines.push([t('mail.quotedText'), quoted(f.comment.quote)])
    lines.push([t('mail.says'), quoted(f.comment.body)])
  }
  switch (f.kind) {
    case 'reply':
      lines.push([t('mail.reply'), quoted(f.reply)])
      break
    case 'decision':
      lines.push([t('mail.disposition'), t(`disposition.${f.disposition}`)])
      if (f.note) lines.push([t('mail.observations'), quoted(f.note)])
      break
    case 'applied':
      lines.push([t('mail.nowReads'), quoted(f.after)])
      break
    case 'mention':
      if (f.text !== f.comment.body) lines.push([t('mail.mentioned'), quoted(f.text)])
      break
    case 'consultationOpened':
    case 'deadlineReminder':
    case 'consultationClosed':
      lines.push([t('mail.consultation'), f.reference], [t('mail.deadline'), formatDeadlineIn(f.deadline, timeZone, language)])
      break
    case 'receipt':
      for (const c of f.comments) lines.push([c.id, formatPlaceIn(t, c.place)])
      break
    case 'newComment':
      break
    default: {
      const never: never = f
      throw new Error(`unknown notification ${JSON.stringify(never)}`)
    }
  }
  return lines
}

function entryText(entry: StoredNotification, links: MailLinks, w: Words): string {
  const lines = detailLines(entry, w).map(([label, words]) => `${label}${w.t('mail.labelColon')}${words}`)
  return [headline(entry, w), '', ...lines, '', w.t('mail.openIt', { url: links.thread(entry) })].join('\n')
}

function entryHtml(entry: StoredNotification, links: MailLinks, w: Words): string {
  const rows = detailLines(entry, w)
    .map(([label, words]) => `<tr><th valign="top" style="padding-block:2px;padding-inline:0 12px;text-align:start">${escapeHtml(label)}</th><td>${escapeHtml(words)}</td></tr>`)
    .join('')
  const href = escapeHtml(links.thread(entry))
  return `<h2 style="font-size:16px">${escapeHtml(headline(entry, w))}</h2><table>${rows}</table><p><a href="${href}">${escapeHtml(w.t('mail.openInAccord'))}</a></p>`
}

function footer(links: MailLinks, why: string, { t }: Words): { text: string; html: string } {
  return {
    text: `\n--\n${why}\n${t('mail.changeSettingsAt', { url: links.settings })}\n${t('mail.unsubscribeAt', { url: links.unsubscribe })}\n`,
    html: `<hr><p style="color:#555;font-size:12px">${escapeHtml(why)}<br><a href="${escapeHtml(links.settings)}">${escapeHtml(t('mail.changeSettings'))}</a> · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(t('mail.unsubscribe'))}</a></p>`,
  }
}

const page = (body: string, language: Language) =>
  `<!doctype html><html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px">${body}</body></html>`

/** The e-mail for one entry sent at once, in the reader's language (English unless said). */
export function singleMail(entry: StoredNotification, links: MailLinks, reader: MailReader = { language: DEFAULT_LANGUAGE, timeZone: 'UTC' }): MailContent {
  const w = wordsFor(reader)
  const end = footer(links, w.t('mail.why'), w)
  return {
    subject: `[Accord] ${headline(entry, w)} (${entry.documentTitle})`,
    text: entryText(entry, links, w) + end.text,
    html: page(entryHtml(entry, links, w) + end.html, reader.language),
  }
}

/** The daily digest: every entry collected for it, oldest first, in the reader's language. */
export function digestMail(entries: readonly StoredNotification[], links: MailLinks, reader: MailReader = { language: DEFAULT_LANGUAGE, timeZone: 'UTC' }): MailContent {
  const w = wordsFor(reader)
  const end = footer(links, w.t('mail.whyDigest'), w)
  return {
    subject: `[Accord] ${w.t('mail.digestSubject', { count: entries.length })}`,
    text: entries.map((e) => entryText(e, links, w)).join('\n\n* * *\n\n') + end.text,
    html: page(entries.map((e) => entryHtml(e, links, w)).join('<hr>') + end.html, reader.language),
  }
}
