import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isValidOrg } from '../shared/countries'
import { ROLES, type Role } from '../shared/types'
import { z } from 'zod'
import { LIMITS, MAX_CLI_DAYS } from '../shared/validation'
import { readAdminFile } from './adminFile'
import { DEFAULT_DATA_DIR } from './config'
import { ParticipantService } from './participants/ParticipantService'
import { ADMIN_HEADER } from './routes/adminRoutes'
import { signInLink } from './routes/participantRoutes'
import { restoreBackups } from './store/restore'
import { DATA_FILES, LowdbStore } from './store/LowdbStore'
import { lockHolder } from './store/files/lockFile'

const USAGE = `Usage: npm run accord -- <command> [options]

Commands:
  token  --name "<name>" --org <ORG> --role <role> [--email <address>] [--focal-point] [--expires-in-days N]
         Prints an API token for that participant (created if needed).
  invite --name "<name>" --org <ORG> --role <role> [--email <address>] [--focal-point] [--expires-in-days N]
         Prints a one-time sign-in link for that participant (created if needed).
         --email sets the address notifications are e-mailed to.
  restore
         Brings back the last good copy of damaged data files (the server must be stopped).

Roles: ${ROLES.join(', ')}. ORG: an ISO 3166-1 alpha-2 code (NO, MZ) or an acronym (WIPO).
Uses DATA_DIR (default ${DEFAULT_DATA_DIR}). While a server runs on it, the request goes through that server.`

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}

interface PersonArgs {
  name: string
  org: string
  role: Role
  /** Where notifications are e-mailed. */
  email?: string
  /** Submits the delegation's comments. */
  focalPoint?: boolean
  expiresInDays?: number
}

function personArgs(values: Record<string, string | boolean | undefined>): PersonArgs {
  const name = typeof values.name === 'string' ? values.name.trim() : ''
  const org = typeof values.org === 'string' ? values.org.trim().toUpperCase() : ''
  const role = values.role
  if (!name) fail('--name is required.')
  if (!isValidOrg(org)) fail('--org must be an ISO 3166-1 alpha-2 code (e.g. NO) or an organization acronym (e.g. WIPO).')
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) fail(`--role must be one of: ${ROLES.join(', ')}.`)
  const email = typeof values.email === 'string' ? values.email.trim() : undefined
  if (email !== undefined && !z.email().max(LIMITS.email).safeParse(email).success) fail('--email must be an e-mail address (e.g. kari@example.org).')
  const days = values['expires-in-days']
  const expiresInDays = typeof days === 'string' ? Number(days) : undefined
  if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_CLI_DAYS)) {
    fail(`--expires-in-days must be a whole number of days, at most ${MAX_CLI_DAYS}.`)
  }
  return {
    name,
    org,
    role: role as Role,
    ...(email ? { email } : {}),
    ...(values['focal-point'] === true ? { focalPoint: true } : {}),
    ...(expiresInDays ? { expiresInDays } : {}),
  }
}

/**
 * Refuses a data directory without a workspace: opening the store there would create an empty one, and
 * print a token or link that the server (on its real data directory) does not know.
 */
function requireWorkspace(dataDir: string): void {
  const hint = 'Set DATA_DIR to the directory the server uses, or start the server once to create its workspace.'
  if (!existsSync(dataDir)) throw new Error(`DATA_DIR ${dataDir} does not exist. ${hint}`)
  if (!existsSync(join(dataDir, DATA_FILES.workspace))) {
    throw new Error(`DATA_DIR ${dataDir} holds no Accord workspace (no ${DATA_FILES.workspace}). ${hint}`)
  }
}

/** Asks the running server (it owns the data files); returns null when none runs on this data dir. */
async function viaServer(dataDir: string, path: string, body: PersonArgs): Promise<Record<string, string> | null> {
  if ((await lockHolder(join(dataDir, DATA_FILES.lock))) === null) return null
  const admin = await readAdminFile(dataDir)
  if (!admin) throw new Error(`A server holds ${dataDir} but has not published its address yet; try again in a moment.`)
  const res = await fetch(`${admin.url}/api/admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_HEADER]: admin.secret },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, string>
  if (!res.ok) throw new Error(json.error ?? `The server answered ${res.status}.`)
  return json
}

/** Opens the store directly (no server running) for one operation. */
async function withStore<T>(dataDir: string, fn: (participants: ParticipantService) => Promise<T>): Promise<T> {
  requireWorkspace(dataDir)
  const store = new LowdbStore(dataDir)
  await store.open()
  try {
    return await fn(new ParticipantService(store))
  } finally {
    await store.close()
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      'expires-in-days': { type: 'string' },
      'focal-point': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  const dataDir = resolve(process.env.DATA_DIR || DEFAULT_DATA_DIR)
  const command = positionals[0]
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  switch (command) {
    case 'token': {
      const args = personArgs(values)
      const remote = await viaServer(dataDir, 'token', args)
      const token =
        remote?.token ??
        (await withStore(dataDir, async (participants) => {
          const p = await participants.findOrCreate(args)
          return participants.createApiToken(p.id, args.expiresInDays)
        }))
      process.stdout.write(`${token}\n`)
      return
    }
    case 'invite': {
      const args = personArgs(values)
      const remote = await viaServer(dataDir, 'link', args)
      if (remote?.link) {
        process.stdout.write(`${remote.link}\n`)
        return
      }
      const secret = await withStore(dataDir, async (participants) => {
        const p = await participants.findOrCreate(args)
        return participants.invite(p.id, args.expiresInDays)
      })
      process.stdout.write(`${signInLink(`http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 5170}`, secret)}\n`)
      return
    }
    case 'restore': {
      if ((await lockHolder(join(dataDir, DATA_FILES.lock))) !== null) fail('Stop the server before restoring backups.')
      const restored = await restoreBackups(dataDir)
      process.stdout.write(restored.length > 0 ? `Restored:\n${restored.map((f) => `  ${f}`).join('\n')}\n` : 'Every data file reads correctly; nothing to restore.\n')
      return
    }
    default:
      fail(`Unknown command "${command}".`)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
