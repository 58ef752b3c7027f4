import { afterAll, beforeAll } from 'vitest'
import { missingScaleBinaries } from './binaries'
import { PostgresServer } from './postgresServer'

/**
 * Whether this machine can run the scale tests. Missing PostgreSQL or Redis fails the test file with
 * the reason (CI installs both), unless ACCORD_SKIP_SCALE=1 says to skip: then the reason is printed.
 */
export function scaleTestsRun(): boolean {
  const missing = missingScaleBinaries()
  if (!missing) return true
  if (process.env.ACCORD_SKIP_SCALE === '1') {
    console.warn(`Skipping the scale tests (ACCORD_SKIP_SCALE=1): ${missing}`)
    return false
  }
  throw new Error(`${missing} Install them (bash .ci/run does), or set ACCORD_SKIP_SCALE=1 to skip these tests.`)
}

/** One PostgreSQL server for the test file, started before its first test and removed after its last. */
export function postgresForThisFile(): () => PostgresServer {
  let server: PostgresServer | null = null
  beforeAll(async () => {
    server = await PostgresServer.start()
  }, 60_000)
  afterAll(async () => {
    await server?.destroy()
  })
  return () => {
    if (!server) throw new Error('PostgreSQL starts before the first test of the file')
    return server
  }
}
