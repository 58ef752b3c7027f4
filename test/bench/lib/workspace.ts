import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Participant, Role, StoredComment } from '../../../shared/types'
import { newId } from '../../../server/auth/secrets'
import { ParticipantService } from '../../../server/participants/ParticipantService'
import { LowdbStore } from '../../../server/store/LowdbStore'

/**
 * A data directory prepared before the server process starts: people with API tokens, drafts with a
 * given Yjs state, comments. Setting up here keeps setup work out of the measured server's memory.
 */
export class BenchWorkspace {
  readonly store: LowdbStore
  private readonly participants: ParticipantService

  private constructor(readonly dataDir: string) {
    this.store = new LowdbStore(dataDir)
    this.participants = new ParticipantService(this.store)
  }

  static async create(): Promise<BenchWorkspace> {
    const ws = new BenchWorkspace(mkdtempSync(join(tmpdir(), 'accord-bench-')))
    await ws.store.open()
    // Marks the workspace as set up: the server must not add its demo draft and first chair.
    await ws.store.putSettings({ seeded: true })
    return ws
  }

  /** A participant and an API token for scripts and y-websocket clients. */
  async person(role: Role, org = 'NO', name = `${role} ${org}`): Promise<{ participant: Participant; token: string }> {
    const participant = await this.participants.create({ name, org, role })
    return { participant, token: await this.participants.createApiToken(participant.id) }
  }

  /** A one-time sign-in link secret (for browsers). */
  invite(participantId: string): Promise<string> {
    return this.participants.invite(participantId)
  }

  /** A draft whose Yjs state is exactly `state` (the stock server's clients start from the same bytes). */
  async draft(title: string, state: Uint8Array): Promise<string> {
    const now = new Date().toISOString()
    const id = newId()
    await this.store.createDocument({ id, title, createdAt: now, updatedAt: now }, state)
    return id
  }

  /** Stores comments one per write, `parallel` writes in flight (as concurrent POSTs would). */
  async comments(documentId: string, comments: readonly StoredComment[], parallel = 64): Promise<void> {
    let next = 0
    const lane = async () => {
      while (next < comments.length) {
        const c = comments[next++]!
        await this.store.putComments(documentId, [{ comment: c, expectedRev: null }])
      }
    }
    await Promise.all(Array.from({ length: parallel }, lane))
  }

  /** Releases the data dir (and its lock) for the server process. */
  close(): Promise<void> {
    return this.store.close()
  }

  /** Deletes the data dir (after the server using it has stopped). */
  remove(): void {
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
