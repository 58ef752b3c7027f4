import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAccordMessage } from '../../shared/accordMessages'
import { type Action, allows } from '../../shared/policy'
import { CONTENT_FIELD, MESSAGE_ANCHOR_REPAIR, MESSAGE_AUTH } from '../../shared/protocol'
import { ROLES, type Participant, type Role } from '../../shared/types'
import { DEFAULT_SAVE_TIMING } from '../../server/config'
import { DocumentService } from '../../server/documents/DocumentService'
import { LiveDrafts } from '../../server/drafts/LiveDrafts'
import { silentLogger } from '../../server/logger'
import { commentChannel } from '../../server/relay/pieces/commentChannel'
import { savedAcks } from '../../server/relay/pieces/savedAcks'
import { Relay } from '../../server/relay/Relay'
import type { RelayConnection } from '../../server/relay/RelayConnection'
import { MemoryStore } from '../../server/store/MemoryStore'
import { type MemoryPeer, memoryPeer } from '../helpers/memoryTransport'
import { awarenessFrame, craftEdit, decodeFrame, queryAwarenessFrame, syncStep1Frame, syncStep2Frame, updateFrame } from '../helpers/rawSocket'

/**
 * The relay obeys the policy for every kind of message a client may send: each kind × each role, over an
 * in-memory connection, does what `allows(role, action)` says and nothing otherwise (and never closes the
 * connection). A message type added to the relay without a row here fails the first test.
 */

const EXPECTED_ACTIONS: Record<string, Action | null> = {
  'sync.step1': 'text.read',
  'sync.step2': 'text.edit',
  'sync.update': 'text.edit',
  awareness: 'presence.publish',
  'awareness.query': 'text.read',
  auth: null,
  [`accord.${MESSAGE_ANCHOR_REPAIR}`]: 'comment.repairAnchors',
}

let relay: Relay
let drafts: LiveDrafts
let documentId: string
const repairedBy: string[] = []
let nextClientId = 1000

interface Sender {
  conn: RelayConnection
  peer: MemoryPeer
  participant: Participant
}

/** Sends one message as `sender` and says whether it had its effect. */
type Effect = (sender: Sender) => boolean

const framesOfKind = (peer: MemoryPeer, kind: string) => peer.sent.filter((f) => decodeFrame(f).kind === kind).length
const draftText = () => drafts.peek(documentId)!.doc.getXmlFragment(CONTENT_FIELD).toString()

function edits(frame: (update: Uint8Array) => Uint8Array): Effect {
  return ({ conn }) => {
    const before = draftText()
    const update = craftEdit(Y.encodeStateAsUpdate(conn.room.doc), (doc) => {
      doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlText(`edit ${nextClientId++}`)])
    })
    conn.handleMessage(frame(update))
    return draftText() !== before
  }
}

function answers(frame: () => Uint8Array, kind: string): Effect {
  return ({ conn, peer }) => {
    const before = framesOfKind(peer, kind)
    conn.handleMessage(frame())
    return framesOfKind(peer, kind) > before
  }
}

const EFFECTS: Record<string, Effect> = {
  'sync.step1': answers(() => syncStep1Frame(new Uint8Array([0])), 'sync-step2'),
  'sync.step2': edits(syncStep2Frame),
  'sync.update': edits(updateFrame),
  awareness: ({ conn }) => {
    const clientID = nextClientId++
    conn.handleMessage(awarenessFrame([{ clientID, clock: 1, state: { cursor: null } }]))
    return conn.room.awareness.getStates().has(clientID)
  },
  'awareness.query': answers(queryAwarenessFrame, 'awareness'),
  auth: ({ conn, peer }) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_AUTH)
    encoding.writeVarUint(e, 0)
    const before = peer.sent.length
    conn.handleMessage(encoding.toUint8Array(e))
    return peer.sent.length > before
  },
  [`accord.${MESSAGE_ANCHOR_REPAIR}`]: ({ conn, participant }) => {
    const before = repairedBy.length
    conn.handleMessage(encodeAccordMessage({ type: MESSAGE_ANCHOR_REPAIR, repairs: [{ commentId: 'NO-001', start: 'AAE=' }] }))
    return repairedBy.length > before && repairedBy.at(-1) === participant.id
  },
}

beforeAll(async () => {
  const store = new MemoryStore()
  await store.open()
  documentId = (await new DocumentService(store).create('Relay matrix', 'recommendations')).id
  drafts = new LiveDrafts(store, silentLogger, DEFAULT_SAVE_TIMING)
  const channel = commentChannel({
    snapshot: async () => [],
    repairAnchors: async (_id, actor) => void repairedBy.push(actor.id),
    logger: silentLogger,
  })
  relay = new Relay({
    drafts,
    authenticate: async () => null,
    recheck: async () => null,
    extensions: [savedAcks(), channel],
    logger: silentLogger,
    allowedOrigins: [],
  })
  // Someone present, so that a presence query has something to answer with.
  const someone = await connect('chair')
  someone.conn.handleMessage(awarenessFrame([{ clientID: nextClientId++, clock: 1, state: { cursor: null } }]))
})

afterAll(async () => {
  relay?.close()
  await drafts?.close()
})

async function connect(role: Role): Promise<Sender> {
  const participant: Participant = { id: `p-${role}-${nextClientId++}`, name: `Matrix ${role}`, org: 'NO', role, createdAt: new Date(0).toISOString() }
  const draft = (await drafts.acquire(documentId))!
  const peer = memoryPeer()
  const conn = relay.attach(peer.transport, draft, { participant, credentialHash: 'h' }, true)
  return { conn, peer, participant }
}

describe('the relay obeys the policy for every message kind', () => {
  it('has a row for every kind of message the relay reads, and no row for one it does not', () => {
    const kinds = Object.fromEntries(relay.messageKinds().map((k) => [k.kind, k.action]))
    expect(kinds).toEqual(EXPECTED_ACTIONS)
    expect(Object.keys(EFFECTS).sort()).toEqual(Object.keys(EXPECTED_ACTIONS).sort())
  })

  const cells = Object.keys(EXPECTED_ACTIONS).flatMap((kind) => ROLES.map((role) => [kind, role] as const))
  it.each(cells)('%s from a %s', async (kind, role) => {
    const sender = await connect(role)
    const action = EXPECTED_ACTIONS[kind]!
    const allowed = action !== null && allows(sender.participant, action)
    expect(EFFECTS[kind]!(sender), `${kind} from a ${role} ${allowed ? 'must' : 'must not'} have its effect`).toBe(allowed)
    expect(sender.peer.closed, 'a well-formed message never closes the connection').toBeNull()
    relay.detach(sender.conn)
  })
})
