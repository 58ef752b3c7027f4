import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import type { AnchorRepair } from './draft/anchorRepairs'
import { MESSAGE_ANCHOR_REPAIR, MESSAGE_COMMENTS, MESSAGE_DRAFT, MESSAGE_SAVE_STATUS, MESSAGE_SESSION, SAVE_FAILED, SAVE_OK } from './protocol'
import { type Comment, type CommentEvent, type DocumentMeta, PHASES, type Role } from './types'
import { anchorRepairSchema, describeIssues, roleSchema } from './validation'

/**
 * Accord's own WebSocket messages (types 100+), encoded and decoded in one place for the relay and the
 * browser. On the wire each is a varUint type, then for save status a varUint flag, a varUint count and
 * that many varUint pairs, and for the others one varString of JSON. Those bytes are fixed: clients
 * already in the field read them.
 */
export type AccordMessage =
  /** Server → client: for each clientID the connection owns, the clock up to which its edits are on disk; `ok` false: the last save failed and is being retried. */
  | { type: typeof MESSAGE_SAVE_STATUS; ok: boolean; clocks: ReadonlyArray<readonly [clientID: number, clock: number]> }
  /** Server → client: comments (every one on connect, then changed ones). */
  | { type: typeof MESSAGE_COMMENTS; event: CommentEvent }
  /** Client → server: new anchor ends for comments whose words moved. */
  | { type: typeof MESSAGE_ANCHOR_REPAIR; repairs: AnchorRepair[] }
  /** Server → client: the participant's role changed. */
  | { type: typeof MESSAGE_SESSION; role: Role }
  /** Server → client: the draft's record changed (a new phase, a deadline, a title). */
  | { type: typeof MESSAGE_DRAFT; draft: DocumentMeta }

export type AccordMessageType = AccordMessage['type']
export type AccordMessageOf<T extends AccordMessageType> = Extract<AccordMessage, { type: T }>

/** The fields the client keys comments on; the rest of a comment is the server's own record, taken as sent. */
const commentKeys = z.looseObject({ id: z.string(), rev: z.number() })

const commentEventSchema = z.strictObject({
  kind: z.enum(['snapshot', 'upsert']),
  comments: z.array(z.custom<Comment>((c) => commentKeys.safeParse(c).success, 'a comment needs a string id and a numeric rev')),
})

const sessionSchema = z.strictObject({ role: roleSchema })

/** The fields the client acts on; the rest of the record is the server's, taken as sent. */
const draftSchema = z.strictObject({
  draft: z.looseObject({
    id: z.string(),
    title: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    phase: z.enum(PHASES).optional(),
    round: z.number().int().optional(),
  }),
})

/** One whole frame: the type, then the payload. */
export function encodeAccordMessage(message: AccordMessage): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, message.type)
  switch (message.type) {
    case MESSAGE_SAVE_STATUS:
      encoding.writeVarUint(e, message.ok ? SAVE_OK : SAVE_FAILED)
      encoding.writeVarUint(e, message.clocks.length)
      for (const [client, clock] of message.clocks) {
        encoding.writeVarUint(e, client)
        encoding.writeVarUint(e, clock)
      }
      break
    case MESSAGE_COMMENTS:
      encoding.writeVarString(e, JSON.stringify(message.event))
      break
    case MESSAGE_ANCHOR_REPAIR:
      encoding.writeVarString(e, JSON.stringify(message.repairs))
      break
    case MESSAGE_SESSION:
      encoding.writeVarString(e, JSON.stringify({ role: message.role }))
      break
    case MESSAGE_DRAFT:
      encoding.writeVarString(e, JSON.stringify({ draft: message.draft }))
      break
    default: {
      const never: never = message
      throw new Error(`unknown Accord message ${JSON.stringify(never)}`)
    }
  }
  return encoding.toUint8Array(e)
}

/**
 * Reads the payload of an Accord message of `type` from a decoder just past the type (as y-websocket's
 * `messageHandlers` and the relay's dispatch hand it over), up to the end of the frame. Throws on anything
 * the encoder would not have written, trailing bytes included: the receiver closes that socket.
 */
export function decodeAccordPayload<T extends AccordMessageType>(type: T, decoder: decoding.Decoder): AccordMessageOf<T> {
  const message = readPayload(type, decoder)
  if (decoding.hasContent(decoder)) throw new Error(`trailing bytes after Accord message ${type}`)
  // readPayload builds the variant named by `type`; TypeScript cannot follow that through the switch.
  return message as AccordMessageOf<T>
}

function readPayload(type: AccordMessageType, d: decoding.Decoder): AccordMessage {
  switch (type) {
    case MESSAGE_SAVE_STATUS:
      return readSaveStatus(d)
    case MESSAGE_COMMENTS:
      return { type, event: readJson(d, commentEventSchema, 'comment event') }
    case MESSAGE_ANCHOR_REPAIR:
      return { type, repairs: readJson(d, anchorRepairSchema, 'anchor repair') }
    case MESSAGE_SESSION:
      return { type, role: readJson(d, sessionSchema, 'session message').role }
    case MESSAGE_DRAFT:
      return { type, draft: readJson(d, draftSchema, 'draft record').draft as unknown as DocumentMeta }
    default: {
      // Reachable from the network when a dispatcher passes on a type it did not check.
      const never: never = type
      throw new Error(`unknown Accord message type ${String(never)}`)
    }
  }
}

function readSaveStatus(d: decoding.Decoder): AccordMessageOf<typeof MESSAGE_SAVE_STATUS> {
  const flag = decoding.readVarUint(d)
  if (flag !== SAVE_OK && flag !== SAVE_FAILED) throw new Error(`save status flag ${flag}`)
  const count = decoding.readVarUint(d)
  // Each pair takes at least two bytes: a count the frame cannot hold is refused before reading on.
  const remaining = d.arr.length - d.pos
  if (count * 2 > remaining) throw new Error(`save status claims ${count} clocks in ${remaining} bytes`)
  const clocks: Array<readonly [number, number]> = []
  for (let i = 0; i < count; i++) clocks.push([decoding.readVarUint(d), decoding.readVarUint(d)])
  return { type: MESSAGE_SAVE_STATUS, ok: flag === SAVE_OK, clocks }
}

function readJson<S extends z.ZodType>(d: decoding.Decoder, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(decoding.readVarString(d)))
  if (!parsed.success) throw new Error(`malformed ${what}: ${describeIssues(parsed.error)}`)
  return parsed.data
}

/** The relay's messages under the names its call sites use. */
export const saveStatusMessage = (ok: boolean, clocks: AccordMessageOf<typeof MESSAGE_SAVE_STATUS>['clocks']): Uint8Array =>
  encodeAccordMessage({ type: MESSAGE_SAVE_STATUS, ok, clocks })
export const commentsMessage = (event: CommentEvent): Uint8Array => encodeAccordMessage({ type: MESSAGE_COMMENTS, event })
export const sessionMessage = (role: Role): Uint8Array => encodeAccordMessage({ type: MESSAGE_SESSION, role })
