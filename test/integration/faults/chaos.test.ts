import { describe, expect, it } from 'vitest'
import { describeChaos, runChaos } from '../../helpers/chaosScenario'
import { seedsToRun } from '../../helpers/random'

/**
 * F9 in `npm test`: a few seeded runs of clients over a bad network (random delays, dropped connections,
 * offline spells) through the real relay (`npm run test:faults` runs many more). SEED=n replays one.
 */

describe('F9: random delays, drops and reconnects', () => {
  it.each(seedsToRun(3))('seed %i: every replica and the server end equal, with every edit', async (seed) => {
    const f = await runChaos(seed)
    console.log(describeChaos(f))
    expect(f.converged).toBe(true)
    expect(f.missing).toEqual([])
    expect(f.resurrected).toEqual([])
  })
})
