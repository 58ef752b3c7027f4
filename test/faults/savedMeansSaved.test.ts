import { describe, expect, it } from 'vitest'
import { describeSavedRuns, runSavedScenario } from '../helpers/savedScenario'
import { serverProcessesClosedAfterEach } from '../helpers/serverProcesses'

/** F2: twenty kill -9 runs; not one edit confirmed as saved and not one comment answered 201 may be lost. */

const env = serverProcessesClosedAfterEach()

describe('F2: saved means saved', () => {
  it('zero confirmed edits lost over 20 kill -9 runs; every comment with a 201 survives', async () => {
    const seed = Number(process.env.SEED ?? 20)
    const figures = await runSavedScenario(env, seed, 20)
    console.log(describeSavedRuns(seed, figures))
    for (const f of figures) {
      console.log(`  run ${f.run}: ${f.confirmedTokens} confirmed, ${f.confirmedLost.length} lost; ${f.unconfirmedTokens} unconfirmed, ${f.unconfirmedKept} kept; comment kept: ${f.commentKept}`)
    }
    expect(figures).toHaveLength(20)
    expect(figures.flatMap((f) => f.confirmedLost)).toEqual([])
    expect(figures.filter((f) => !f.commentKept)).toEqual([])
  })
})
