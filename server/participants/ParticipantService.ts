import { EventEmitter } from 'node:events'
import { fail } from '../../shared/errors'
import { mayBeFocalPoint } from '../../shared/policy'
import type { Language } from '../../shared/i18n/languages'
import type { Participant, Role } from '../../shared/types'
import { hashSecret, newId, newSecret } from '../auth/secrets'
import type { Credential, Store } from '../store/Store'

const DAY_MS = 24 * 60 * 60 * 1000
/** Sign-in links expire after this many days unless the chair sets another value. */
export const DEFAULT_LINK_DAYS = 14
/** Browser sessions last this long. */
export const SESSION_DAYS = 30

/** Who is making a request, and with which credential. */
export interface Principal {
  participant: Participant
  credentialHash: string
  kind: Credential['kind']
}

export type RedeemResult =
  | { ok: true; sessionSecret: string; participant: Participant }
  | { ok: false; reason: 'auth.linkInvalid' | 'auth.linkUsed' | 'auth.linkExpired' }

export interface NewParticipant {
  name: string
  org: string
  email?: string
  role: Role
  focalPoint?: boolean
}

/** A focal point speaks for a Member State's delegation: a commenter or editor of a country. */
function requireDelegate(p: Pick<Participant, 'org' | 'role'>): void {
  if (!mayBeFocalPoint(p)) fail('participant.focalPointNotDelegate')
}

/**
 * Participants and their credentials. Emits `changed` with the participant after a role change or
 * revocation, so open connections can be downgraded or closed at once.
 */
export class ParticipantService extends EventEmitter<{ changed: [Participant] }> {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    super()
  }

  list(): Promise<Participant[]> {
    return this.store.listParticipants()
  }

  get(id: string): Promise<Participant | undefined> {
    return this.store.getParticipant(id)
  }

  async create(input: NewParticipant): Promise<Participant> {
    if (input.focalPoint) requireDelegate(input)
    const participant: Participant = {
      id: newId(),
      name: input.name,
      org: input.org,
      role: input.role,
      createdAt: this.now().toISOString(),
      ...(input.email ? { email: input.email } : {}),
      ...(input.focalPoint ? { focalPoint: true } : {}),
    }
    await this.store.putParticipant(participant)
    return participant
  }

  /** Whether a Member State has a focal point: then its other participants' comments start as drafts. */
  async hasFocalPoint(org: string): Promise<boolean> {
    return (await this.store.listParticipants()).some((p) => p.org === org && p.focalPoint && !p.revokedAt)
  }

  /** The participant with this name and org (creating it if needed), with the given role (and e-mail address, if given). */
  async findOrCreate(input: NewParticipant): Promise<Participant> {
    const existing = (await this.store.listParticipants()).find(
      (p) => !p.revokedAt && p.name === input.name && p.org === input.org,
    )
    if (!existing) return this.create(input)
    let current = existing.role !== input.role ? await this.changeRole(existing.id, input.role) : existing
    if (input.focalPoint && !current.focalPoint) current = await this.update(current.id, { focalPoint: true })
    if (input.email && current.email !== input.email) current = await this.update(current.id, { email: input.email })
    return current
  }

  /** A new single-use sign-in link secret for the participant; their earlier links stop working. */
  async invite(participantId: string, expiresInDays = DEFAULT_LINK_DAYS): Promise<string> {
    await this.require(participantId)
    // A new link is asked for when the last one was lost, forwarded or sent to the wrong address: only the
    // newest may sign anyone in.
    await this.store.deleteCredentialsOf(participantId, 'link')
    return this.issue(participantId, 'link', expiresInDays * DAY_MS)
  }

  /** A new API token for scripts (`Authorization: Bearer`, or `?token=` on the WebSocket). */
  async createApiToken(participantId: string, expiresInDays?: number): Promise<string> {
    const participant = await this.require(participantId)
    const token = await this.issue(participantId, 'token', expiresInDays === undefined ? undefined : expiresInDays * DAY_MS)
    // The Participants page shows scripts' participants as using a token rather than "never signed in".
    if (!participant.apiTokenSince) await this.store.putParticipant({ ...participant, apiTokenSince: this.now().toISOString() })
    return token
  }

  private async issue(participantId: string, kind: Credential['kind'], ttlMs?: number): Promise<string> {
    const secret = newSecret()
    const now = this.now()
    await this.store.putCredential({
      hash: hashSecret(secret),
      kind,
      participantId,
      createdAt: now.toISOString(),
      ...(ttlMs === undefined ? {} : { expiresAt: new Date(now.getTime() + ttlMs).toISOString() }),
    })
    return secret
  }

  /** Exchanges a sign-in link for a browser session; the link cannot be used again. */
  async redeemLink(secret: string): Promise<RedeemResult> {
    const credential = await this.store.findCredential(hashSecret(secret))
    const invalid = { ok: false as const, reason: 'auth.linkInvalid' as const }
    if (!credential || credential.kind !== 'link') return invalid
    if (credential.usedAt) return { ok: false, reason: 'auth.linkUsed' }
    if (this.isExpired(credential)) return { ok: false, reason: 'auth.linkExpired' }
    const participant = await this.store.getParticipant(credential.participantId)
    if (!participant || participant.revokedAt) return invalid
    const now = this.now().toISOString()
    // Atomic in the store: of two redemptions at once (on any instance), only one gets a session.
    if (!(await this.store.markCredentialUsed(credential.hash, now))) return { ok: false, reason: 'auth.linkUsed' }
    const sessionSecret = await this.issue(participant.id, 'session', SESSION_DAYS * DAY_MS)
    const signedIn = { ...participant, lastSignInAt: now }
    await this.store.putParticipant(signedIn)
    return { ok: true, sessionSecret, participant: signedIn }
  }

  /** The principal behind a session or API token, or null if it is unknown, expired or revoked. */
  async authenticate(secret: string, kinds: readonly Credential['kind'][]): Promise<Principal | null> {
    if (!secret) return null
    return this.principalFor(hashSecret(secret), kinds)
  }

  /** Re-checks a credential by its hash (open connections do this periodically). */
  async principalFor(hash: string, kinds: readonly Credential['kind'][]): Promise<Principal | null> {
    const credential = await this.store.findCredential(hash)
    if (!credential || !kinds.includes(credential.kind) || this.isExpired(credential)) return null
    const participant = await this.store.getParticipant(credential.participantId)
    if (!participant || participant.revokedAt) return null
    return { participant, credentialHash: hash, kind: credential.kind }
  }

  async signOut(credentialHash: string): Promise<void> {
    await this.store.deleteCredential(credentialHash)
  }

  async changeRole(id: string, role: Role): Promise<Participant> {
    const { focalPoint, ...participant } = await this.require(id)
    // A chair or an observer does not speak for a delegation: the role ends being its focal point.
    const stillDelegate = focalPoint && mayBeFocalPoint({ org: participant.org, role })
    const updated: Participant = { ...participant, role, ...(stillDelegate ? { focalPoint: true } : {}) }
    await this.store.putParticipant(updated)
    this.emit('changed', updated)
    return updated
  }

  async update(id: string, patch: Partial<Pick<Participant, 'name' | 'org' | 'email' | 'focalPoint' | 'notificationPreferences'>>): Promise<Participant> {
    const participant = await this.require(id)
    const updated: Participant = { ...participant, ...patch }
    if (updated.focalPoint) requireDelegate(updated)
    await this.store.putParticipant(updated)
    this.emit('changed', updated)
    return updated
  }

  /** Stores the interface language someone chose (nothing about their connections changes). */
  async setLanguage(id: string, language: Language): Promise<Participant> {
    const updated: Participant = { ...(await this.require(id)), language }
    await this.store.putParticipant(updated)
    return updated
  }

  /** Revokes a participant: every credential stops working and open connections are closed. */
  async revoke(id: string): Promise<Participant> {
    const participant = await this.require(id)
    const updated = { ...participant, revokedAt: this.now().toISOString() }
    await this.store.putParticipant(updated)
    await this.store.deleteCredentialsOf(id)
    this.emit('changed', updated)
    return updated
  }

  private async require(id: string): Promise<Participant> {
    const participant = await this.store.getParticipant(id)
    if (!participant) fail('participant.notFound')
    return participant
  }

  private isExpired(credential: Credential): boolean {
    return credential.expiresAt !== undefined && Date.parse(credential.expiresAt) <= this.now().getTime()
  }
}
