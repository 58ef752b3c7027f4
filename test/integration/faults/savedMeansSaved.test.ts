import { describe, expect, it } from 'vitest'
import { describeSavedRuns, runSavedScenario } from '../../helpers/savedScenario'
import { serverProcessesClosedAfterEach } from '../../helpers/serverProcesses'

/** F2 in `npm test`: three kill -9 runs (`npm run test:faults` runs twenty). */

const env = serverProcessesClosedAfterEach()

describe('F2: saved means saved', () => {
  it('no edit confirmed as saved and no comment answered 201 is lost to kill -9', async () => {
    const seed = Number(process.env.SEED ?? 2)
    const figures = await runSavedScenario(env, seed, 3)
    console.log(describeSavedRuns(seed, figures))
    expect(figures.flatMap((f) => f.confirmedLost)).toEqual([])
    expect(figures.every((f) => f.commentKept)).toBe(true)
  })
})
