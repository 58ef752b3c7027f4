import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { decodeAccordPayload, encodeAccordMessage, type AccordMessage, type AccordMessageType } from '../../shared/accordMessages'
import { MESSAGE_ANCHOR_REPAIR, MESSAGE_COMMENTS, MESSAGE_SAVE_STATUS, MESSAGE_SESSION } from '../../shared/protocol'
import type { Comment } from '../../shared/types'
import { seededRandom, seedsToRun } from '../helpers/random'

/**
 * Accord's own messages go through one codec on both sides. The bytes are pinned against frames built by
 * hand with lib0, so a codec change that would break clients already in the field fails here, and every
 * decoder refuses what the encoder would not have written.
 */

const at = '2025-03-01T10:00:00.000Z'
const person = { id: 'p1', name: 'Ola Nordmann', org: 'NO' }
const comment: Comment = {
  id: 'NO-003',
  documentId: 'draft-1',
  author: person,
  type: 'editorial',
  body: 'Please say “electronic processing” — not “EDP”.',
  quote: 'electronic data processing',
  scope: 'text',
  anchors: [{ start: 'AAE=', end: 'AAI=' }],
  place: { kind: 'recommendation', recommendation: 3, action: [2] },
  locator: 'Recommendation 3 › Action 2',
  outdated: false,
  anchorState: 'anchored',
  status: 'open',
  replies: [{ id: 'r1', author: person, body: 'Agreed.', createdAt: at }],
  history: [{ action: 'created', by: person, at }],
  createdAt: at,
  updatedAt: at,
  rev: 4,
}

/** One example of every message, with the frame a hand-written lib0 encoder makes for it. */
const examples: { name: string; message: AccordMessage; frame: (e: encoding.Encoder) => void }[] = [
  {
    name: 'save status, saved',
    // A clientID above 2^31 and a clock of 0 take the longest and the shortest varUints.
    message: { type: MESSAGE_SAVE_STATUS, ok: true, clocks: [[3_000_000_000, 0], [7, 1234]] },
    frame: (e) => {
      for (const n of [100, 1, 2, 3_000_000_000, 0, 7, 1234]) encoding.writeVarUint(e, n)
    },
  },
  {
    name: 'save status, failed, no clocks',
    message: { type: MESSAGE_SAVE_STATUS, ok: false, clocks: [] },
    frame: (e) => {
      for (const n of [100, 0, 0]) encoding.writeVarUint(e, n)
    },
  },
  {
    name: 'comments snapshot',
    message: { type: MESSAGE_COMMENTS, event: { kind: 'snapshot', comments: [comment] } },
    frame: (e) => {
      encoding.writeVarUint(e, 101)
      encoding.writeVarString(e, JSON.stringify({ kind: 'snapshot', comments: [comment] }))
    },
  },
  {
    name: 'comments upsert, empty',
    message: { type: MESSAGE_COMMENTS, event: { kind: 'upsert', comments: [] } },
    frame: (e) => {
      encoding.writeVarUint(e, 101)
      encoding.writeVarString(e, '{"kind":"upsert","comments":[]}')
    },
  },
  {
    name: 'anchor repair',
    message: {
      type: MESSAGE_ANCHOR_REPAIR,
      repairs: [{ commentId: 'NO-003', start: 'AAE=' }, { commentId: 'WIPO-012', end: 'AAI=' }, { commentId: 'DE-001', start: 'AQ==', end: 'Ag==' }],
    },
    frame: (e) => {
      encoding.writeVarUint(e, 102)
      encoding.writeVarString(
        e,
        '[{"commentId":"NO-003","start":"AAE="},{"commentId":"WIPO-012","end":"AAI="},{"commentId":"DE-001","start":"AQ==","end":"Ag=="}]',
      )
    },
  },
  {
    name: 'session',
    message: { type: MESSAGE_SESSION, role: 'commenter' },
    frame: (e) => {
      encoding.writeVarUint(e, 103)
      encoding.writeVarString(e, '{"role":"commenter"}')
    },
  },
]

const handBuilt = (frame: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder()
  frame(e)
  return encoding.toUint8Array(e)
}

/** Decodes a whole frame the way a receiver does: read the type, hand the rest to the codec. */
function decodeFrame(bytes: Uint8Array): AccordMessage {
  const d = decoding.createDecoder(bytes)
  return decodeAccordPayload(decoding.readVarUint(d) as AccordMessageType, d)
}

/** The payload of an Accord message with `type`, as bytes (for feeding hostile payloads). */
function frameOf(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  return handBuilt((e) => {
    encoding.writeVarUint(e, type)
    write(e)
  })
}

const jsonFrame = (type: number, json: string) => frameOf(type, (e) => encoding.writeVarString(e, json))

describe('Accord message codec', () => {
  it('keeps the message type numbers the wire has always used', () => {
    expect([MESSAGE_SAVE_STATUS, MESSAGE_COMMENTS, MESSAGE_ANCHOR_REPAIR, MESSAGE_SESSION]).toEqual([100, 101, 102, 103])
  })

  it.each(examples)('$name: encodes to exactly the hand-built lib0 frame', ({ message, frame }) => {
    expect(encodeAccordMessage(message)).toEqual(handBuilt(frame))
  })

  it.each(examples)('$name: round-trips', ({ message }) => {
    expect(decodeFrame(encodeAccordMessage(message))).toEqual(message)
  })

  it.each(examples)('$name: decodes the hand-built frame', ({ message, frame }) => {
    expect(decodeFrame(handBuilt(frame))).toEqual(message)
  })

  it('save status bytes, spelled out', () => {
    const bytes = encodeAccordMessage({ type: MESSAGE_SAVE_STATUS, ok: true, clocks: [[5, 300]] })
    // type 100, ok 1, one pair: client 5, clock 300 (varUint 0xac 0x02).
    expect([...bytes]).toEqual([100, 1, 1, 5, 0xac, 0x02])
  })

  it('decodes from a decoder positioned after the type, as y-websocket message handlers get it', () => {
    const d = decoding.createDecoder(encodeAccordMessage({ type: MESSAGE_SESSION, role: 'chair' }))
    expect(decoding.readVarUint(d)).toBe(MESSAGE_SESSION)
    expect(decodeAccordPayload(MESSAGE_SESSION, d).role).toBe('chair')
    expect(decoding.hasContent(d)).toBe(false)
  })
})

describe('Accord message codec against hostile bytes', () => {
  it.each(examples)('$name: every truncation throws', ({ message }) => {
    const bytes = encodeAccordMessage(message)
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(() => decodeFrame(bytes.subarray(0, cut)), `cut at ${cut} of ${bytes.length}`).toThrow()
    }
  })

  it.each(examples)('$name: trailing bytes throw', ({ message }) => {
    const bytes = encodeAccordMessage(message)
    expect(() => decodeFrame(new Uint8Array([...bytes, 0]))).toThrow(/trailing bytes/)
  })

  it('a truncated frame inside a larger buffer does not read past its end', () => {
    // ws hands over views on pooled buffers: the bytes after the view must stay out of reach.
    const whole = encodeAccordMessage({ type: MESSAGE_SESSION, role: 'editor' })
    const view = new Uint8Array(whole.buffer, 0, whole.length - 3)
    expect(() => decodeFrame(view)).toThrow()
  })

  it('a huge clock count throws before reading on', () => {
    for (const count of [2 ** 20, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const bytes = frameOf(100, (e) => {
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint(e, count)
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint(e, 1)
      })
      expect(() => decodeFrame(bytes), `count ${count}`).toThrow(/claims/)
    }
  })

  it('a varUint beyond 2^53 throws', () => {
    expect(() => decodeFrame(new Uint8Array([100, 1, ...Array<number>(10).fill(0xff), 0x01]))).toThrow(/Integer out of Range/)
  })

  it('a string length beyond the frame throws', () => {
    expect(() => decodeFrame(frameOf(103, (e) => encoding.writeVarUint(e, 2 ** 40)))).toThrow(/end of array/)
  })

  it('a save flag other than 0 or 1 throws', () => {
    expect(() => decodeFrame(frameOf(100, (e) => [2, 0].forEach((n) => encoding.writeVarUint(e, n))))).toThrow(/flag/)
  })

  it('bytes that are not UTF-8 throw', () => {
    expect(() => decodeFrame(frameOf(103, (e) => encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xfe]))))).toThrow()
  })

  it('text that is not JSON throws', () => {
    for (const type of [101, 102, 103]) expect(() => decodeFrame(jsonFrame(type, '{"role":'))).toThrow(SyntaxError)
  })

  /** JSON that parses but is not the message's shape: [type, what is wrong, JSON]. */
  const wrongShapes: [101 | 102 | 103, string, string][] = [
    [101, 'not an object', 'null'],
    [101, 'an array', '[]'],
    [101, 'an unknown kind', '{"kind":"delete","comments":[]}'],
    [101, 'no comments', '{"kind":"upsert"}'],
    [101, 'comments not an array', '{"kind":"upsert","comments":{}}'],
    [101, 'a comment without an id', '{"kind":"upsert","comments":[{"rev":1}]}'],
    [101, 'a comment whose rev is text', '{"kind":"upsert","comments":[{"id":"NO-001","rev":"1"}]}'],
    [101, 'a comment that is not an object', '{"kind":"upsert","comments":["NO-001"]}'],
    [101, 'an extra field', '{"kind":"upsert","comments":[],"also":1}'],
    [102, 'not an array', '{"commentId":"NO-001","start":"AAE="}'],
    [102, 'a bad comment id', '[{"commentId":"../etc","start":"AAE="}]'],
    [102, 'neither end', '[{"commentId":"NO-001"}]'],
    [102, 'an empty end', '[{"commentId":"NO-001","start":""}]'],
    [102, 'an end too long', `[{"commentId":"NO-001","start":"${'A'.repeat(201)}"}]`],
    [102, 'an extra field', '[{"commentId":"NO-001","start":"AAE=","anchors":[]}]'],
    [102, 'more than 500 repairs', JSON.stringify(Array.from({ length: 501 }, () => ({ commentId: 'NO-001', start: 'AAE=' })))],
    [103, 'an unknown role', '{"role":"admin"}'],
    [103, 'no role', '{}'],
    [103, 'an extra field', '{"role":"editor","name":"x"}'],
    [103, 'a bare string', '"editor"'],
  ]
  const refusal = { 101: /malformed comment event/, 102: /malformed anchor repair/, 103: /malformed session message/ }

  it.each(wrongShapes)('message %i with %s throws', (type, _what, json) => {
    expect(() => decodeFrame(jsonFrame(type, json))).toThrow(refusal[type])
  })

  it('a type that is not an Accord message throws', () => {
    expect(() => decodeFrame(new Uint8Array([0, 0]))).toThrow(/unknown Accord message type 0/)
  })

  it.each(seedsToRun(3))('seed %i: 2,000 damaged frames each decode or throw an Error', (seed) => {
    const random = seededRandom(seed)
    const frames = examples.map(({ message }) => encodeAccordMessage(message))
    let thrown = 0
    const start = performance.now()
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from(random.pick(frames))
      for (let flips = random.int(1, 4); flips > 0; flips--) bytes[random.int(1, bytes.length - 1)] = random.int(0, 255)
      try {
        decodeFrame(bytes)
      } catch (err) {
        expect(err, `seed ${seed}, frame ${i}: ${bytes.join(',')}`).toBeInstanceOf(Error)
        thrown++
      }
    }
    console.log(`accord codec seed ${seed}: ${thrown} of 2000 damaged frames refused in ${(performance.now() - start).toFixed(0)} ms`)
    expect(thrown).toBeGreaterThan(1000)
  })
})
