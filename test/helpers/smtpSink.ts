import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message the SMTP server accepted (answered 250), decoded enough for a test to read. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[]
  messageId: string
  subject: string
  text: string
  html: string
  headers: Map<string, string>
}

/** What the server answers the next DATA: accept, refuse for now (4xx), refuse for good (5xx), or wait for the test. */
type Answer = 'accept' | { code: number; message: string } | 'hold'

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string
  /** Accepted messages, in order. */
  received: ReceivedMail[]
  /** DATA attempts seen (accepted or not). */
  attempts: number
  /** From now on, answer every DATA this way. */
  answer(answer: Answer): void
  /** Resolves when a DATA is being held (answer 'hold'); `release` then answers it. */
  nextHeld(): Promise<{ release(accept: boolean): void }>
  /** Accepted messages for one address. */
  to(address: string): ReceivedMail[]
  close(): Promise<void>
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port: what Accord's mailer talks to in tests,
 * so delivery goes through a real SMTP conversation rather than a mock of the mailer.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  let answer: Answer = 'accept'
  const held: ((release: { release(accept: boolean): void }) => void)[] = []
  const waiting: { release(accept: boolean): void }[] = []
  const sink: SmtpSink = {
    url: '',
    received: [],
    attempts: 0,
    answer: (a) => {
      answer = a
    },
    nextHeld: () => new Promise((resolve) => (waiting.length > 0 ? resolve(waiting.shift()!) : held.push(resolve))),
    to: (address) => sink.received.filter((m) => m.to.includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of 127.0.0.1 on every connection: each attempt would wait for it.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        sink.attempts++
        const accept = () => {
          sink.received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)))
          callback(null)
        }
        const refuse = (code: number, message: string) => callback(Object.assign(new Error(message), { responseCode: code }))
        if (answer === 'accept') return accept()
        if (answer === 'hold') {
          const release = { release: (ok: boolean) => (ok ? accept() : refuse(451, 'Try again later')) }
          const taker = held.shift()
          if (taker) taker(release)
          else waiting.push(release)
          return
        }
        refuse(answer.code, answer.message)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
  return sink
}

/** Headers, unfolded, by lower-case name. */
function readHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body)
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    default:
      return body
  }
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words in a header. */
const decodeWords = (value: string) =>
  value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  )

/** Splits a message into headers and body, and a multipart body into its text and HTML parts. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/)
  const headers = readHeaders(raw.slice(0, split))
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const parts: { type: string; text: string }[] = []
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1]
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break
      const at = chunk.search(/\r?\n\r?\n/)
      const partHeaders = readHeaders(chunk.slice(0, at))
      parts.push({ type: partHeaders.get('content-type') ?? '', text: decodeBody(chunk.slice(at).replace(/^\r?\n\r?\n/, ''), partHeaders.get('content-transfer-encoding')) })
    }
  } else {
    parts.push({ type: headers.get('content-type') ?? 'text/plain', text: decodeBody(body, headers.get('content-transfer-encoding')) })
  }
  return {
    to,
    messageId: headers.get('message-id') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.text ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.text ?? '',
    headers,
  }
}
