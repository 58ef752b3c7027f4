import { vi } from 'vitest'
import type { Participant, Role } from '../../shared/types'
import type { NotificationList, PreferencesPatch } from '../../shared/notifications'
import type { Store } from '../../server/store/Store'
import { rawRequest } from './rawHttp'
import type { SmtpSink } from './smtpSink'
import type { TestServer } from './testServer'

/** Someone in a notification test: their record, an API token, and their address. */
export interface Person {
  participant: Participant
  token: string
  email: string
}

/** Creates a participant with an e-mail address (`<first name>@<org>.example`) and an API token. */
export async function person(server: TestServer, name: string, org: string, role: Role, extra: { focalPoint?: boolean } = {}): Promise<Person> {
  const email = `${name.split(' ')[0]!.toLowerCase()}@${org.toLowerCase()}.example`
  const participant = await server.participants.create({ name, org, role, email, ...extra })
  return { participant, token: await server.participants.createApiToken(participant.id), email }
}

/** Sets someone's preferences through the API, as the settings page does. */
export async function setPreferences(server: TestServer, who: Person, patch: PreferencesPatch): Promise<void> {
  const res = await rawRequest(server.url, '/api/me/preferences', { method: 'PATCH', token: who.token, body: patch })
  if (res.status !== 200) throw new Error(`preferences refused: ${res.status} ${res.text}`)
}

/** The bell's list for someone. */
export async function bell(server: TestServer, who: Person): Promise<NotificationList> {
  return (await rawRequest(server.url, '/api/notifications', { token: who.token })).json as NotificationList
}

/**
 * Waits until the outbox has no e-mail that is due and still pending (everything due went out or failed),
 * so that a test can then assert that nobody got anything more.
 */
export async function outboxSettled(store: Store, now: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const due = (await store.listNotifications({ channel: 'email', state: 'pending' })).filter((n) => Date.parse(n.sendAfter ?? n.createdAt) <= now)
      if (due.length > 0) throw new Error(`${due.length} e-mails still due`)
    },
    { timeout: 10_000, interval: 20 },
  )
}

/** Who received what: address → subjects, in order. */
export const subjectsByAddress = (sink: SmtpSink): Record<string, string[]> => {
  const out: Record<string, string[]> = {}
  for (const m of sink.received) for (const to of m.to) (out[to] ??= []).push(m.subject)
  return out
}
