import { crc32 } from 'node:zlib'
import { readFile } from 'node:fs/promises'
import { CorruptDataError } from '../errors'
import { appendDurably } from './appendDurably'

/**
 * Binary record files: each record is [u32 length][u32 CRC-32][payload], little-endian. A record cut
 * short at the very end of a file is a write that never completed (and was never acknowledged); any
 * other damage means the file is corrupt.
 */

const HEADER = 8

export function encodeRecords(payloads: readonly Uint8Array[]): Buffer {
  const total = payloads.reduce((n, p) => n + HEADER + p.byteLength, 0)
  const out = Buffer.allocUnsafe(total)
  let at = 0
  for (const p of payloads) {
    out.writeUInt32LE(p.byteLength, at)
    out.writeUInt32LE(crc32(p), at + 4)
    out.set(p, at + HEADER)
    at += HEADER + p.byteLength
  }
  return out
}

export interface DecodedRecords {
  records: Uint8Array[]
  /** Bytes of a final record that was cut short (0 when the file ends cleanly). */
  tornBytes: number
}

export function decodeRecords(file: string, bytes: Uint8Array): DecodedRecords {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const records: Uint8Array[] = []
  let at = 0
  while (at < buf.length) {
    if (buf.length - at < HEADER) return { records, tornBytes: buf.length - at }
    const length = buf.readUInt32LE(at)
    const sum = buf.readUInt32LE(at + 4)
    if (at + HEADER + length > buf.length) return { records, tornBytes: buf.length - at }
    const payload = buf.subarray(at + HEADER, at + HEADER + length)
    if (crc32(payload) !== sum) throw new CorruptDataError(file, `checksum mismatch in the record at byte ${at}`)
    records.push(new Uint8Array(payload))
    at += HEADER + length
  }
  return { records, tornBytes: 0 }
}

/** Reads a record file; a missing file has no records. */
export async function readRecordFile(file: string): Promise<DecodedRecords & { exists: boolean; size: number }> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0, exists: false, size: 0 }
    throw err
  }
  return { ...decodeRecords(file, bytes), exists: true, size: bytes.length }
}

/** Appends records and fsyncs before resolving: once this resolves, the records survive a crash. */
export async function appendRecords(file: string, payloads: readonly Uint8Array[]): Promise<number> {
  const bytes = encodeRecords(payloads)
  await appendDurably(file, bytes)
  return bytes.length
}
