import { open } from 'node:fs/promises'

/** What an append needs of a file handle (a `FileHandle`; tests wrap one to make its writes short). */
export interface AppendHandle {
  write(data: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
  stat(): Promise<{ size: number }>
  truncate(length: number): Promise<void>
  datasync(): Promise<void>
  close(): Promise<void>
}

/** Opens a file for appending. */
export type OpenForAppend = (file: string) => Promise<AppendHandle>

const openForAppend: OpenForAppend = (file) => open(file, 'a', 0o600)

/**
 * Appends `data` and fsyncs before resolving: once this resolves, the bytes survive a crash. A write may
 * take fewer bytes than asked (a nearly full disk), so the rest is written until done or refused. A
 * failed append is cut off again: bytes of it left in the file would be followed by the next append, and
 * the file would then read as damaged. Appends to one file must not overlap (each owner queues its own).
 */
export async function appendDurably(file: string, data: Uint8Array, openFile: OpenForAppend = openForAppend): Promise<void> {
  const handle = await openFile(file)
  try {
    const { size } = await handle.stat()
    try {
      await writeAll(handle, data)
      await handle.datasync()
    } catch (err) {
      await handle.truncate(size).catch(() => undefined)
      throw err
    }
  } finally {
    await handle.close()
  }
}

async function writeAll(handle: AppendHandle, data: Uint8Array): Promise<void> {
  let at = 0
  while (at < data.byteLength) {
    const { bytesWritten } = await handle.write(data, at, data.byteLength - at)
    // A write that takes nothing and reports no error would otherwise loop forever.
    if (bytesWritten <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'EIO' })
    at += bytesWritten
  }
}
