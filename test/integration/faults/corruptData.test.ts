import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commentApi } from '../../helpers/commentApi'
import { checkDamageCase, DAMAGE_CASES, fixtureForThisFile, journal } from '../../helpers/damagedData'
import { serverProcessesClosedAfterEach } from '../../helpers/serverProcesses'

/**
 * F5 in `npm test`: each kind of damage and each kind of file at least once (`npm run test:faults` runs all
 * ten combinations). A damaged file stops start-up with its name and stays as it was; `npm run accord --
 * restore` and a restart bring back the last good data. (F6, a second server on the same data dir, is in
 * ../shutdown.test.ts.)
 */

const SAMPLE = ['workspace.json corrupt', 'draft snapshot truncated', 'comment snapshot empty', 'comment journal corrupt']

const fixture = fixtureForThisFile()
const env = serverProcessesClosedAfterEach()

describe('F5: a damaged data file at start', () => {
  it.each(SAMPLE)('%s: refuses to start naming the file, keeps it, and restore + restart works', (name) =>
    checkDamageCase(env, fixture(), name, DAMAGE_CASES[name]!),
  )

  it('a torn last line in a comment journal (a write cut off by a crash, never acknowledged) is dropped at start; every complete comment is kept', async () => {
    const f = fixture()
    const dir = env.dataDir()
    cpSync(f.dir, dir, { recursive: true })
    const file = join(dir, journal({ ...f, dir }))
    const complete = readFileSync(file)
    writeFileSync(file, Buffer.concat([complete, Buffer.from('{"comments":[{"id":"NO-999","bo')]))
    const proc = await env.start(dir)
    const comments = (await commentApi(proc.url, f.token).comments(f.documentId)).map((x) => x.id).sort()
    const after = readFileSync(file)
    console.log(`F5 torn journal tail: server started; comments ${comments.length}; journal cut back to its last complete line: ${after.equals(complete)}`)
    expect(comments).toEqual([...f.snapshotComments, ...f.journalComments].sort())
    expect(after.equals(complete)).toBe(true)
  })
})
