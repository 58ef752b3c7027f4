import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { Random } from './random'

/**
 * Hostile input for the relay: random garbage frames of several families, truncated varints, and the
 * crafted Yjs updates published with yjs issue 687 ("Denial of Service vulnerability: run-length
 * encoding can be exploited to lock JS threads", https://github.com/yjs/yjs/issues/687). Those bytes make
 * `Y.mergeUpdates(V2)` / `Y.applyUpdateV2` loop for seconds or exhaust memory.
 */
export const ISSUE_687_UPDATES: Record<string, Uint8Array> = {
  // 4,398,046,511,101 structs when read as V2 (hangs Y.mergeUpdatesV2).
  'V2 update with 4e12 structs': new Uint8Array([
    0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 22, 2, 0, 0, 1, 253, 255, 255, 255, 255, 127, 0, 0,
  ]),
  // 265,828 updates in one V1 buffer (hangs Y.mergeUpdates).
  'V1 update with 265,828 updates': new Uint8Array([
    228, 156, 16, 0, 5, 255, 255, 5, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 237, 0, 0, 0, 1, 1, 0, 254, 184, 194, 233, 173, 135, 217,
    18, 0, 0, 1, 1, 255, 237, 246,
  ]),
  // 7,658,324,286 updates as V2 (hangs Y.mergeUpdatesV2).
  'V2 update with 7.6e9 updates': new Uint8Array([
    228, 149, 0, 0, 1, 24, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 237, 1, 190, 130, 227, 195, 28, 1, 2, 228, 149, 0, 0, 1, 24, 0, 0, 1,
    24, 0, 0, 1, 0, 1, 237, 0,
  ]),
  // A GC item of length 553,253 (memory blow-up in Y.mergeUpdatesV2).
  'V2 update with a huge GC item': new Uint8Array([
    143, 1, 128, 0, 0, 0, 1, 170, 1, 0, 1, 2, 0, 0, 22, 2, 0, 229, 196, 67, 20, 231, 166, 139, 147, 174, 181, 253, 93, 232, 38,
    154, 138, 89, 0, 49, 213, 15, 18, 1, 48, 0, 0, 0,
  ]),
  // 267,854,847 structs in one update (hangs Y.applyUpdateV2).
  'V2 update with 2.7e8 structs': new Uint8Array([
    0, 1, 35, 0, 0, 0, 1, 2, 129, 0, 0, 16, 0, 199, 220, 0, 196, 122, 128, 0, 65, 171, 234, 214, 0, 1, 0, 0, 1, 0, 0, 132, 0,
    0, 16, 255, 199, 220, 255, 0, 0, 0,
  ]),
}

const frame = (...parts: Array<number | Uint8Array>): Uint8Array => {
  const e = encoding.createEncoder()
  for (const p of parts) {
    if (typeof p === 'number') encoding.writeUint8(e, p)
    else encoding.writeUint8Array(e, p)
  }
  return encoding.toUint8Array(e)
}

const withLength = (bytes: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint8Array(e, bytes)
  return encoding.toUint8Array(e)
}

const randomBytes = (rng: Random, min: number, max: number) => Uint8Array.from({ length: rng.int(min, max) }, () => rng.int(0, 255))

/**
 * True when a Yjs V1 update is one the relay must refuse: decoding throws or leaves bytes unread. (Random
 * bytes that happen to decode, e.g. as structs waiting for missing predecessors, are a valid update.)
 */
export function isRejectedUpdate(update: Uint8Array): boolean {
  const doc = new Y.Doc()
  try {
    const d = decoding.createDecoder(update)
    Y.readUpdate(d, doc, null)
    return decoding.hasContent(d)
  } catch {
    return true
  } finally {
    doc.destroy()
  }
}

/** Every frame family; each yields a frame the relay must treat as malformed. */
export const GARBAGE_FAMILIES = {
  empty: () => new Uint8Array(0),
  'unknown message type': (rng: Random) => frame(rng.pick([4, 5, 17, 42, 99, 100, 101, 103, 127]), randomBytes(rng, 0, 40)),
  'unknown sync sub-type': (rng: Random) => frame(0, rng.int(3, 127), randomBytes(rng, 0, 40)),
  'truncated varint (type)': (rng: Random) => frame(rng.int(0x80, 0xff)),
  'truncated varint (sync sub-type)': (rng: Random) => frame(0, rng.int(0x80, 0xff)),
  'truncated varint (length)': (rng: Random) => frame(rng.pick([0, 1]), ...(rng.chance(0.5) ? [2] : []), rng.int(0x80, 0xff)),
  'length beyond the frame': (rng: Random) => frame(0, 2, rng.int(20, 120), randomBytes(rng, 0, 15)),
  'truncated varint inside an update': (rng: Random) => frame(0, 2, withLength(frame(...Array.from({ length: rng.int(1, 5) }, () => rng.int(0x80, 0xff))))),
  'random Yjs update': (rng: Random) => {
    for (;;) {
      const update = randomBytes(rng, 1, 64)
      if (isRejectedUpdate(update)) return frame(0, rng.pick([1, 2]), withLength(update))
    }
  },
  'awareness that is not JSON': (rng: Random) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, rng.int(1, 1e9))
    encoding.writeVarUint(e, 1)
    encoding.writeVarString(e, '{"user":' + String.fromCharCode(rng.int(0x21, 0x7e)))
    return frame(1, withLength(encoding.toUint8Array(e)))
  },
  'trailing bytes after a valid message': (rng: Random) => frame(3, randomBytes(rng, 1, 8)),
} satisfies Record<string, (rng: Random) => Uint8Array>

export type GarbageFamily = keyof typeof GARBAGE_FAMILIES
