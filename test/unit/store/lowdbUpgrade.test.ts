import { readFileSync, writeFileSync } from 'node:fs'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { formatPlace } from '../../../shared/draft/locator'
import type { StoredComment } from '../../../shared/types'
import type { LegacyComment } from '../../../server/store/files/legacyComments'
import { comment, commentFile, lowdbSandboxClosedAfterEach, meta, putUntilCompacted, writes } from '../../helpers/lowdbFixtures'

const { tempDir, openStore, closeStore } = lowdbSandboxClosedAfterEach()

/** A comment as the version before structured places wrote it: English `locator`, no `place`. */
function legacy(id: string, locator: string, extra: Partial<LegacyComment> = {}): LegacyComment {
  const { place: _place, ...rest } = comment(id)
  return { ...rest, locator, ...extra }
}

describe('LowdbStore data of the version before structured places', () => {
  it('loads comments stored with English locators as places, losing nothing', async () => {
    const dir = tempDir()
    const store = await openStore(dir)
    await store.createDocument(meta('d1'), Y.encodeStateAsUpdate(new Y.Doc()))
    await closeStore(store)
    const snapshot = [
      legacy('NO-001', 'General', { scope: 'draft', anchorState: 'general', quote: '' }),
      legacy('NO-002', 'Recommendation 3 › Action 2'),
      legacy('NO-003', 'Recommendation 10'),
      legacy('NO-004', 'Introduction'),
      legacy('NO-005', 'Preamble'),
      // An imported comment whose words were already gone kept the table's own words.
      legacy('MX-001', 'Rec. 3, action 2', { anchorState: 'orphaned' }),
      legacy('MX-002', 'Recommendation 1', { body: 'before the journal' }),
    ]
    writeFileSync(commentFile(dir, 'd1.json'), JSON.stringify({ generation: 0, comments: snapshot }))
    const journalLines = [
      { comments: [legacy('MX-002', 'Recommendation 4 › Action 1.2', { body: 'edited', rev: 2 })] },
      { comments: [legacy('DE-001', 'Scope', { anchorState: 'orphaned' })] },
    ]
    writeFileSync(commentFile(dir, 'd1.0.jsonl'), journalLines.map((l) => `${JSON.stringify(l)}\n`).join(''))

    const upgraded = await openStore(dir)
    const byId = new Map((await upgraded.listComments('d1')).map((c) => [c.id, c]))
    const placeOf = (id: string) => byId.get(id)?.place
    expect(placeOf('NO-001')).toEqual({ kind: 'general' })
    expect(placeOf('NO-002')).toEqual({ kind: 'recommendation', recommendation: 3, action: [2] })
    expect(placeOf('NO-003')).toEqual({ kind: 'recommendation', recommendation: 10, action: [] })
    expect(placeOf('NO-004')).toEqual({ kind: 'heading', heading: 'Introduction' })
    expect(placeOf('NO-005')).toEqual({ kind: 'preamble' })
    expect(placeOf('MX-001')).toEqual({ kind: 'heading', heading: 'Rec. 3, action 2' })
    expect(byId.get('MX-002')).toMatchObject({ body: 'edited', rev: 2, place: { kind: 'recommendation', recommendation: 4, action: [1, 2] } })
    expect(placeOf('DE-001')).toEqual({ kind: 'heading', heading: 'Scope' })
    for (const c of byId.values()) expect(Object.keys(c)).not.toContain('locator')
    // What the API says of each is what the old version said.
    const oldLocators = new Map([...snapshot, ...journalLines.flatMap((l) => l.comments)].map((c) => [c.id, c.locator]))
    for (const [id, c] of byId) expect(formatPlace(c.place), id).toBe(oldLocators.get(id))
    // Every other field came through unchanged.
    const { locator: _locator, ...rest } = legacy('NO-002', 'x')
    expect(byId.get('NO-002')).toEqual({ ...rest, place: placeOf('NO-002') })

    // The upgraded comments take new revisions, and a compaction writes the new shape.
    const edited: StoredComment = { ...byId.get('NO-004')!, body: 'edited after the upgrade', rev: 2 }
    await upgraded.putComments('d1', writes(edited))
    await putUntilCompacted(upgraded, dir, 1)
    await closeStore(upgraded)
    expect(readFileSync(commentFile(dir, 'd1.json'), 'utf8')).not.toContain('"locator"')
    const again = await openStore(dir)
    expect(await again.getComment('d1', 'NO-004')).toEqual(edited)
    expect((await again.getComment('d1', 'MX-001'))?.place).toEqual({ kind: 'heading', heading: 'Rec. 3, action 2' })
  })
})
