import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** One entry of a y-protocols awareness update. */
export interface AwarenessEntry {
  clientID: number
  clock: number
  /** Parsed state; null means the client left. */
  state: Record<string, unknown> | null
}

/** Largest number of entries one awareness message may carry (a browser sends one). */
const MAX_ENTRIES = 64

/** Parses an awareness update; throws on malformed input (the caller closes that socket). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update)
  const count = decoding.readVarUint(d)
  if (count > MAX_ENTRIES) throw new Error(`awareness update with ${count} entries`)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const parsed: unknown = JSON.parse(decoding.readVarString(d))
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new Error('awareness state is not an object')
    entries.push({ clientID, clock, state: parsed as Record<string, unknown> | null })
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes after awareness update')
  return entries
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientID)
    encoding.writeVarUint(e, entry.clock)
    encoding.writeVarString(e, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(e)
}
