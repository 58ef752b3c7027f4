import { DISPOSITION_LABELS } from '../../shared/commentTable'
import { formatPlace } from '../../shared/draft/locator'
import { escapeHtml } from '../../shared/html'
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

/** Long comments are cut in e-mails: the link has the rest. */
const MAX_QUOTED = 600
const clip = (text: string) => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text)

/** The lines that tell one entry: label and words, so text and HTML say the same. */
function detailLines(entry: StoredNotification, timeZone: string): [label: string, words: string][] {
  const f = entry.facts
  const lines: [string, string][] = [['Draft', entry.documentTitle]]
  if ('comment' in f) {
    lines.push(['Comment', `${f.comment.id} · ${formatPlace(f.comment.place)}`])
    if (f.comment.quote) lines.push(['Quoted text', `“${clip(f.comment.quote)}”`])
    lines.push(['It says', `“${clip(f.comment.body)}”`])
  }
  switch (f.kind) {
    case 'reply':
      lines.push(['Reply', `“${clip(f.reply)}”`])
      break
    case 'decision':
      lines.push(['Disposition', DISPOSITION_LABELS[f.disposition]])
      if (f.note) lines.push(['Observations', `“${clip(f.note)}”`])
      break
    case 'applied':
      lines.push(['The text now reads', `“${clip(f.after)}”`])
      break
    case 'mention':
      if (f.text !== f.comment.body) lines.push(['Where you are mentioned', `“${clip(f.text)}”`])
      break
    case 'consultationOpened':
    case 'deadlineReminder':
    case 'consultationClosed':
      lines.push(['Consultation', f.reference], ['Deadline', formatDeadlineIn(f.deadline, timeZone)])
      break
    case 'receipt':
      for (const c of f.comments) lines.push([c.id, formatPlace(c.place)])
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

function entryText(entry: StoredNotification, links: MailLinks, timeZone: string): string {
  const lines = detailLines(entry, timeZone).map(([label, words]) => `${label}: ${words}`)
  return [notificationHeadline(entry.facts, timeZone), '', ...lines, '', `Open it: ${links.thread(entry)}`].join('\n')
}

function entryHtml(entry: StoredNotification, links: MailLinks, timeZone: string): string {
  const rows = detailLines(entry, timeZone)
    .map(([label, words]) => `<tr><th align="left" valign="top" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(words)}</td></tr>`)
    .join('')
  const href = escapeHtml(links.thread(entry))
  return `<h2 style="font-size:16px">${escapeHtml(notificationHeadline(entry.facts, timeZone))}</h2><table>${rows}</table><p><a href="${href}">Open it in Accord</a></p>`
}

function footer(links: MailLinks, why: string): { text: string; html: string } {
  return {
    text: `\n--\n${why}\nChange what Accord e-mails you: ${links.settings}\nUnsubscribe with one click: ${links.unsubscribe}\n`,
    html: `<hr><p style="color:#555;font-size:12px">${escapeHtml(why)}<br><a href="${escapeHtml(links.settings)}">Change what Accord e-mails you</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>`,
  }
}

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px">${body}</body></html>`

/** The e-mail for one entry sent at once. */
export function singleMail(entry: StoredNotification, links: MailLinks, timeZone: string): MailContent {
  const end = footer(links, 'You get this e-mail because your Accord notification settings ask for it.')
  return {
    subject: `[Accord] ${notificationHeadline(entry.facts, timeZone)} (${entry.documentTitle})`,
    text: entryText(entry, links, timeZone) + end.text,
    html: page(entryHtml(entry, links, timeZone) + end.html),
  }
}

/** The daily digest: every entry collected for it, oldest first. */
export function digestMail(entries: readonly StoredNotification[], links: MailLinks, timeZone: string): MailContent {
  const end = footer(links, 'You get this daily digest because your Accord notification settings ask for it.')
  const n = entries.length
  return {
    subject: `[Accord] Daily digest: ${n} ${n === 1 ? 'notification' : 'notifications'}`,
    text: entries.map((e) => entryText(e, links, timeZone)).join('\n\n* * *\n\n') + end.text,
    html: page(entries.map((e) => entryHtml(e, links, timeZone)).join('<hr>') + end.html),
  }
}
