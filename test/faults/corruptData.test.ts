import { describe, it } from 'vitest'
import { checkDamageCase, DAMAGE_CASES, fixtureForThisFile } from '../helpers/damagedData'
import { serverProcessesClosedAfterEach } from '../helpers/serverProcesses'

/**
 * F5, every combination: workspace.json, a draft snapshot and a comment snapshot each corrupt, truncated and
 * empty, and a comment journal with a damaged line. Each stops start-up naming the file, leaves it as it
 * was, and `npm run accord -- restore` plus a restart bring back the last good data.
 */

const fixture = fixtureForThisFile()
const env = serverProcessesClosedAfterEach()

describe('F5: every kind of damaged data file at start', () => {
  it.each(Object.entries(DAMAGE_CASES))('%s: refuses to start naming the file, keeps it, and restore + restart works', (name, c) =>
    checkDamageCase(env, fixture(), name, c),
  )
})
