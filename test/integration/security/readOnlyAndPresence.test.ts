import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Participant, Role } from '../../../shared/types'
import type { RelayConnection } from '../../../server/relay/RelayConnection'
import { userColor } from '../../../server/relay/userColor'
import { statementOf, textAt } from '../../helpers/draftDoc'
import { rawRequest } from '../../helpers/rawHttp'
import {
  awarenessFrame,
  collabUrl,
  craftEdit,
  RawPeer,
  connectionsClosedAfterEach,
  stockClientBarrier,
  syncStep2Frame,
  updateFrame,
} from '../../helpers/rawSocket'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../../helpers/yClient'

/**
 * Issue 3 / attacks A1 and A2: read-only roles cannot change the draft through raw frames or a stock client,
 * presence cannot be forged, and role changes reach open connections within 5 s.
 */

let server: TestServer
let chairToken: string
beforeAll(async () => {
  server = await startTestServer({ memory: true })
  chairToken = await server.token('chair')
})
afterAll(async () => {
  await server?.stop()
})

const { clients, peers } = connectionsClosedAfterEach()

interface Person {
  participant: Participant
  token: string
}

async function person(role: Role, name: string, org: string): Promise<Person> {
  const participant = await server.participants.create({ name, org, role })
  return { participant, token: await server.participants.createApiToken(participant.id) }
}

async function freshDraft(): Promise<string> {
  return await server.openDraft('Read-only test draft')
}

async function stock(documentId: string, who: Person): Promise<YClient> {
  const c = connectClient(server.url, documentId, who.token)
  clients.push(c)
  await waitSynced(c)
  return c
}

async function raw(documentId: string, who: Person): Promise<RawPeer> {
  const p = await RawPeer.open(collabUrl(server.url, documentId, who.token))
  peers.push(p)
  return p
}

function connectionOf(documentId: string, who: Person): RelayConnection {
  const conn = server.relay.connectionsOn(documentId).find((c) => c.participant.id === who.participant.id)
  if (!conn) throw new Error(`${who.participant.name} is not connected`)
  return conn
}

const serverDoc = (documentId: string) => server.drafts.peek(documentId)!.doc
const sameVector = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

describe('A1: read-only roles cannot change the draft', () => {
  it.each([['commenter'], ['observer']] as const)(
    'a %s sending raw sync step 2 and update messages changes neither the server nor other clients',
    async (role) => {
      const id = await freshDraft()
      const editor = await stock(id, await person('editor', 'Erik Editor', 'NO'))
      const witness = await raw(id, await person('observer', 'Olga Observer', 'LT'))
      const mallory = await person(role, `Mallory ${role}`, 'MZ')
      const attacker = await raw(id, mallory)
      await attacker.barrier() // the attacker's doc now mirrors the server's: forge real, applicable edits
      const state = Y.encodeStateAsUpdate(attacker.doc)
      const inserted = craftEdit(state, (d) => textAt(d).insert(0, 'FORGED WORDS '))
      const deleted = craftEdit(state, (d) => {
        const t = statementOf(d, 1)
        t.delete(0, t.length)
      })
      const fresh = craftEdit(new Uint8Array([0, 0]), (d) => d.getXmlFragment('content').insert(0, [new Y.XmlText('injected')]))
      const svBefore = Y.encodeStateVector(serverDoc(id))
      const textBefore = draftText(editor.doc)
      const attackerConn = connectionOf(id, mallory)
      const dropsBefore = attackerConn.droppedWrites

      for (const update of [inserted, deleted, fresh]) {
        attacker.send(syncStep2Frame(update))
        attacker.send(updateFrame(update))
      }
      await attacker.barrier()
      await witness.barrier()
      await stockClientBarrier(editor.provider, editor.doc)

      expect(sameVector(Y.encodeStateVector(serverDoc(id)), svBefore), 'server state vector unchanged').toBe(true)
      expect(draftText(serverDoc(id))).toBe(textBefore)
      expect(draftText(editor.doc)).toBe(textBefore)
      expect(sameVector(Y.encodeStateVector(editor.doc), svBefore)).toBe(true)
      expect(witness.count('update')).toBe(0)
      expect(draftText(witness.doc)).toBe(textBefore)
      expect(attacker.open, 'a dropped write is not an error: the socket stays open').toBe(true)
      expect(attackerConn.droppedWrites - dropsBefore).toBe(6)
      console.log(`A1 ${role}: 6 forged sync messages dropped; server state vector and ${textBefore.length} chars unchanged`)
    },
  )

  it.each([['commenter'], ['observer']] as const)('a stock y-websocket client with role %s that edits locally changes nothing for others', async (role) => {
    const id = await freshDraft()
    const editor = await stock(id, await person('editor', 'Erik Editor', 'NO'))
    const readOnly = await person(role, `Rita ${role}`, 'DE')
    const client = await stock(id, readOnly)
    const witness = await raw(id, await person('observer', 'Olga Observer', 'LT'))
    const svBefore = Y.encodeStateVector(serverDoc(id))
    const textBefore = draftText(editor.doc)
    const conn = connectionOf(id, readOnly)
    const dropsBefore = conn.droppedWrites

    textAt(client.doc).insert(0, 'LOCAL ONLY ')
    const t = statementOf(client.doc, 3)
    t.delete(0, 10)
    await waitFor(() => conn.droppedWrites >= dropsBefore + 2, 'the relay receives (and drops) both edits')
    await witness.barrier()
    await stockClientBarrier(editor.provider, editor.doc)

    expect(sameVector(Y.encodeStateVector(serverDoc(id)), svBefore)).toBe(true)
    expect(draftText(editor.doc)).toBe(textBefore)
    expect(draftText(editor.doc)).not.toContain('LOCAL ONLY')
    expect(witness.count('update')).toBe(0)
    // The edit is the read-only client's alone; writers carry on normally.
    textAt(editor.doc).insert(0, 'Editor words. ')
    await waitFor(() => draftText(witness.doc).includes('Editor words. '), 'editor edits still reach others')
  })
})

describe('A2: presence cannot be forged', () => {
  it('awareness for a clientID owned by another connection is not relayed', async () => {
    const id = await freshDraft()
    const editorPerson = await person('editor', 'Erik Editor', 'NO')
    const editor = await stock(id, editorPerson)
    const viewer = await stock(id, await person('observer', 'Olga Observer', 'LT'))
    const witness = await raw(id, await person('observer', 'Walter Witness', 'AU'))
    const attacker = await raw(id, await person('commenter', 'Mallory Delegate', 'MZ'))
    const victim = editor.doc.clientID
    editor.provider.awareness.setLocalStateField('cursor', { anchor: 'real' })
    const room = server.relay.connectionsOn(id)[0]!.room
    await waitFor(() => (viewer.provider.awareness.getStates().get(victim) as { cursor?: unknown })?.cursor !== undefined, 'viewer sees the editor')
    const clock = room.awareness.meta.get(victim)!.clock
    const framesBefore = witness.frames.length

    attacker.send(
      awarenessFrame([
        { clientID: victim, clock: clock + 10, state: { user: { name: 'Forged Name', org: 'WIPO', role: 'chair' }, cursor: { anchor: 'fake' } } },
      ]),
    )
    attacker.send(awarenessFrame([{ clientID: victim, clock: clock + 20, state: null }]))
    await attacker.barrier()
    await witness.barrier()
    await stockClientBarrier(viewer.provider, viewer.doc)

    const relayed = witness.frames
      .slice(framesBefore)
      .flatMap((f) => (f.kind === 'awareness' ? f.entries : []))
      .filter((e) => e.clientID === victim)
    expect(relayed, 'nothing about the victim was relayed').toEqual([])
    const seen = viewer.provider.awareness.getStates().get(victim) as { user: Record<string, unknown>; cursor: unknown }
    expect(seen.cursor).toEqual({ anchor: 'real' })
    expect(seen.user).toMatchObject({ name: 'Erik Editor', org: 'NO', role: 'editor' })
    expect(room.awareness.meta.get(victim)!.clock).toBe(clock)
  })

  it('a connection claiming another name, org, role or colour is shown with its own, from the server’s record', async () => {
    const id = await freshDraft()
    const viewer = await stock(id, await person('observer', 'Olga Observer', 'LT'))
    const witness = await raw(id, await person('observer', 'Walter Witness', 'AU'))
    const chair = (await server.participants.authenticate(chairToken, ['token']))!.participant
    const mallory = await person('commenter', 'Mallory Delegate', 'MZ')
    const attacker = await raw(id, mallory)
    const own = 424242
    const claimed = { id: chair.id, name: chair.name, org: 'WIPO', role: 'chair', color: '#000000' }
    attacker.send(awarenessFrame([{ clientID: own, clock: 1, state: { user: claimed, cursor: null } }]))

    // A stock client that sets its own user field is stamped the same way.
    const spoofer = await person('editor', 'Sam Spoofer', 'EPO')
    const stockSpoofer = await stock(id, spoofer)
    stockSpoofer.provider.awareness.setLocalStateField('user', { name: 'Task Force Chair', org: 'WIPO', role: 'chair' })

    const expected = (p: Participant) => ({ id: p.id, name: p.name, org: p.org, role: p.role, color: userColor(p.id) })
    await waitFor(() => viewer.provider.awareness.getStates().has(own), 'viewer sees the attacker')
    await waitFor(
      () => (viewer.provider.awareness.getStates().get(stockSpoofer.doc.clientID) as { user?: { name?: string } })?.user?.name === 'Sam Spoofer',
      'viewer sees the spoofer',
    )
    await witness.barrier()
    expect((viewer.provider.awareness.getStates().get(own) as { user: unknown }).user).toEqual(expected(mallory.participant))
    expect((viewer.provider.awareness.getStates().get(stockSpoofer.doc.clientID) as { user: unknown }).user).toEqual(expected(spoofer.participant))
    const everyUserRelayed = witness.frames.flatMap((f) => (f.kind === 'awareness' ? f.entries : [])).map((e) => e.state?.user)
    expect(everyUserRelayed).not.toContainEqual(expect.objectContaining({ name: 'Task Force Chair' }))
    expect(everyUserRelayed).not.toContainEqual(expect.objectContaining({ role: 'chair' }))

    // When the attacker leaves, its presence goes with it.
    attacker.close()
    await waitFor(() => !viewer.provider.awareness.getStates().has(own), 'presence removed on disconnect')
  })
})

describe('role changes reach open connections', () => {
  it('an editor downgraded to commenter mid-session has their next edit dropped within 5 s', async () => {
    const id = await freshDraft()
    const erik = await person('editor', 'Erik Editor', 'NO')
    const editor = await stock(id, erik)
    const witness = await raw(id, await person('observer', 'Olga Observer', 'LT'))
    // Like the editor's caret extension, the client publishes presence (a clock-0 state is never relayed).
    editor.provider.awareness.setLocalStateField('cursor', null)
    textAt(editor.doc).insert(0, 'before ')
    await waitFor(() => draftText(witness.doc).includes('before '), 'the editor can write')
    await waitFor(() => witness.awareness.has(editor.doc.clientID), 'the witness sees the editor')
    const conn = connectionOf(id, erik)

    // Keep typing at ~20 keystrokes/s while the chair changes the role.
    let typed = 0
    const typedAt: number[] = []
    const typing = setInterval(() => {
      textAt(editor.doc).insert(0, `[${typed}]`)
      typedAt.push(performance.now())
      typed++
    }, 50)
    try {
      await waitFor(() => typed >= 5, 'some keystrokes before the change')
      const dropsBefore = conn.droppedWrites
      const start = performance.now()
      const res = await rawRequest(server.url, `/api/participants/${erik.participant.id}`, {
        method: 'PATCH',
        token: chairToken,
        body: { role: 'commenter' },
      })
      expect(res.status).toBe(200)
      const answered = performance.now()
      const firstAfter = typed
      await waitFor(() => conn.droppedWrites > dropsBefore, 'an edit is dropped', 6000)
      const stopped = performance.now() - start
      await waitFor(() => typed >= firstAfter + 3, 'a few keystrokes after the change')
      clearInterval(typing)
      console.log(
        `downgrade editor → commenter: first edit dropped ${Math.round(stopped)} ms after the request (answered in ${Math.round(answered - start)} ms; limit 5000 ms)`,
      )
      expect(stopped).toBeLessThan(5000)
      await witness.barrier()
      const text = draftText(serverDoc(id))
      expect(draftText(witness.doc)).toBe(text)
      for (let k = firstAfter; k < typed; k++) expect(text, `keystroke ${k} after the downgrade`).not.toContain(`[${k}]`)
      for (let k = 0; k < 5; k++) expect(text).toContain(`[${k}]`)
    } finally {
      clearInterval(typing)
    }
    // Others see the new role on the editor's presence.
    await waitFor(() => {
      const entries = witness.frames.flatMap((f) => (f.kind === 'awareness' ? f.entries : []))
      return entries.some((e) => e.clientID === editor.doc.clientID && (e.state?.user as { role?: string })?.role === 'commenter')
    }, 'presence re-stamped with the new role')

    // Upgraded again, the next edit goes through.
    await server.participants.changeRole(erik.participant.id, 'editor')
    textAt(editor.doc).insert(0, 'after upgrade ')
    await waitFor(() => draftText(witness.doc).includes('after upgrade '), 'writes resume after the upgrade')
    expect(serverDoc(id).store.pendingStructs, 'no edit of the editor is stuck waiting on the server').toBeNull()
    expect(draftText(serverDoc(id))).toBe(draftText(editor.doc))
  })
})
