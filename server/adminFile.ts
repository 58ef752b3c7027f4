import { readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileDurably } from './store/files/fsyncWrite'

/** Where a running server tells `npm run accord` how to reach it (readable only by its owner). */
export const ADMIN_FILE = 'server.json'

export interface AdminInfo {
  url: string
  secret: string
  pid: number
}

export async function writeAdminFile(dataDir: string, info: AdminInfo): Promise<void> {
  await writeFileDurably(join(dataDir, ADMIN_FILE), JSON.stringify(info))
}

export async function readAdminFile(dataDir: string): Promise<AdminInfo | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, ADMIN_FILE), 'utf8')) as AdminInfo
  } catch {
    return null
  }
}

export async function removeAdminFile(dataDir: string): Promise<void> {
  await unlink(join(dataDir, ADMIN_FILE)).catch(() => undefined)
  await unlink(join(dataDir, `${ADMIN_FILE}.bak`)).catch(() => undefined)
}
