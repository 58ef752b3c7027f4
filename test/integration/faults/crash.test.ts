import { describe, expect, it } from 'vitest'
import { describeCrash, runCrashScenario } from '../../helpers/crashScenario'
import { serverProcessesClosedAfterEach } from '../../helpers/serverProcesses'

/** F1 in `npm test`: one seeded kill -9 run with 20 clients (`npm run test:faults` runs several more). */

const run = serverProcessesClosedAfterEach()

describe('F1: kill -9 while 20 clients type', () => {
  it('after restart and reconnection every replica and the server are identical, every token exactly once', async () => {
    const figures = await runCrashScenario(run, Number(process.env.SEED ?? 1))
    console.log(describeCrash(figures))
    expect(figures.divergent).toEqual([])
    expect(figures.missing).toEqual([])
    expect(figures.duplicated).toEqual([])
    expect(figures.typedBeforeKill).toBeGreaterThan(0)
  })
})
