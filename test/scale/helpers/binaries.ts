import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Where Debian puts PostgreSQL's server programs: /usr/lib/postgresql/<major>/bin (the newest wins). */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN
  if (fromEnv && existsSync(join(fromEnv, 'postgres'))) return fromEnv
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((d) => existsSync(join(root, d, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a))
    if (majors[0]) return join(root, majors[0], 'bin')
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
    return existsSync(join(dir, 'postgres')) ? dir : null
  } catch {
    return null
  }
}

/** redis-server on the PATH or in /usr/bin. */
export function redisServerPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/bin', '/usr/local/bin')) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server')
  }
  return null
}

/**
 * What is missing to run the scale tests and benchmark, or null when everything is there. The tests
 * fail with this message (CI installs both with apt-get, see .ci/run); ACCORD_SKIP_SCALE=1 skips them
 * instead, printing it.
 */
export function missingScaleBinaries(): string | null {
  const missing: string[] = []
  if (!postgresBinDir()) missing.push('PostgreSQL server (apt-get install postgresql; or set PG_BIN to the folder holding initdb and postgres)')
  if (!redisServerPath()) missing.push('redis-server (apt-get install redis-server)')
  return missing.length > 0 ? `The scale-out tests need ${missing.join(' and ')}.` : null
}
