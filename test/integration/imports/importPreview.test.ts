import { beforeAll, describe, expect, it } from 'vitest'
import { formatCsv } from '../../../server/exports/csvFormat'
import type { ImportPreview, ImportResult } from '../../../shared/commentImport'
import { formatPlace, parsePlace } from '../../../shared/draft/locator'
import type { Comment } from '../../../shared/types'
import { type CommentApi, commentApi } from '../../helpers/commentApi'
import { testServerForThisFile } from '../../helpers/testServer'
import { BAD, CSV, DISPOSITIONS, HEADER, ORGS, PLACEMENTS, type Placement, ROWS, TYPES, XLSX, goodIndexes, goodRow, importPath, importTarget, needsAnchoring, rowNumber, table } from '../../helpers/importTables'

const server = testServerForThisFile()

/** Importing a 100-row table: the preview row by row, errors by row number, all rows or none. */

let chair: CommentApi
let documentId: string
beforeAll(async () => {
  ;({ chair, documentId } = await importTarget(server()))
})

describe('importing a comment table', () => {
  it('previews 100 rows from 7 Member States: bad rows by number and reason, each quote with its match', async () => {
    const res = await chair.upload(importPath(documentId, true), formatCsv(table({ withBadRows: true })), CSV)
    expect(res.status).toBe(200)
    const preview = (await res.json()) as ImportPreview

    expect(preview.errors).toEqual(
      Object.entries(BAD).flatMap(([i, [, reasons]]) => reasons.map((r) => ({ row: rowNumber(Number(i)), reason: expect.stringMatching(r) }))),
    )
    expect(preview.errors.map((e) => e.row)).toEqual([13, 29, 45, 59, 73, 89, 98, 98, 102])

    expect(preview.rows.map((r) => r.row)).toEqual(goodIndexes.map(rowNumber))
    goodIndexes.forEach((i, k) => {
      const row = preview.rows[k]!
      const p = PLACEMENTS[i % PLACEMENTS.length]!
      const at = `row ${row.row}`
      expect(row.org, at).toBe(ORGS[i % 7])
      expect(row.type, at).toBe(TYPES[i % 6])
      expect([row.locator, row.quote, row.body], at).toEqual([p.location, p.quote, `Comment ${i} from ${ORGS[i % 7]}.`])
      expect(row.place, at).toEqual(parsePlace(p.location))
      expect(row.needsAnchoring, at).toBe(needsAnchoring(p))
      if (p.method === null) {
        expect(row.match, at).toBeNull()
      } else {
        expect(row.match, at).toMatchObject({ method: p.method, locator: p.locator, text: p.text })
        expect(formatPlace(row.match!.place), at).toBe(p.locator)
        if (p.method === 'fuzzy') {
          expect(row.match!.confidence, at).toBeGreaterThanOrEqual(0.6)
          expect(row.match!.confidence, at).toBeLessThan(1)
        } else {
          expect(row.match!.confidence, at).toBe(1)
        }
      }
      const decided = i % 5 === 0 ? DISPOSITIONS[(i / 5) % 4]! : null
      expect(row.disposition, at).toBe(decided?.[1])
      expect(row.observations, at).toBe(decided ? `Decision ${i}` : undefined)
      expect(row.resolvedOn, at).toBe(decided ? '2024-03-15' : undefined)
      expect(row.proposedChange, at).toBe(i % 4 === 0 ? `Proposed wording ${i}` : undefined)
    })
    // Typos cost confidence in proportion to the edits.
    const fuzzy = preview.rows.filter((r) => r.match?.method === 'fuzzy')
    expect(new Map(fuzzy.map((r) => [r.quote, r.match!.confidence]))).toEqual(
      new Map([
        ['Accept electronc filing for al procedures', 0.95],
        ['lessons lerned from large procurment projects', 0.96],
        ['Publish aplication programing interfaces', 0.95],
      ]),
    )
    // IDs as written (well-formed ones only, upper-cased).
    expect(preview.rows.slice(0, 3).map((r) => r.id)).toEqual(['AU-050', undefined, 'NO-001'])

    const valid = goodIndexes.map((i) => PLACEMENTS[i % PLACEMENTS.length]!)
    const count = (method: Placement['method']) => valid.filter((p) => p.method === method).length
    expect(preview.summary).toEqual({
      total: ROWS,
      valid: ROWS - Object.keys(BAD).length,
      exact: count('exact'),
      normalized: count('normalized'),
      fuzzy: count('fuzzy'),
      needsAnchoring: valid.filter(needsAnchoring).length,
      alreadyIn: 0,
    })
    expect(preview.summary).toMatchObject({ valid: 92, exact: 35, normalized: 20, fuzzy: 18, needsAnchoring: 9 })
    // The preview creates nothing.
    expect(await chair.comments(documentId)).toEqual([])
  })

  it('creates nothing when any row has a problem, and everything when none has', async () => {
    const rejected = await chair.upload(importPath(documentId), formatCsv(table({ withBadRows: true })), CSV)
    expect(rejected.status).toBe(422)
    const body = (await rejected.json()) as { error: string; errors: { row: number; reason: string }[] }
    expect(body.error).toMatch(/^8 rows have problems, so nothing was imported/)
    expect(body.errors.map((e) => e.row)).toEqual([13, 29, 45, 59, 73, 89, 98, 98, 102])
    expect(await chair.comments(documentId)).toEqual([])

    const res = await chair.upload(importPath(documentId), formatCsv(table({ withBadRows: false })), CSV)
    expect(res.status).toBe(201)
    const { created } = (await res.json()) as { created: Comment[] }
    expect(created).toHaveLength(92)
    const stored = await chair.comments(documentId)
    expect(stored).toHaveLength(92)

    // Ids: a free id of the row's org is kept; malformed, foreign and repeated ones get the org's next id.
    expect(created.slice(0, 3).map((c) => c.id)).toEqual(['AU-050', 'DE-001', 'LT-001'])
    expect(created[goodIndexes.indexOf(7)]!.id).toBe('AU-051')
    expect(new Set(created.map((c) => c.id)).size).toBe(92)

    goodIndexes.forEach((i, k) => {
      const c = created[k]!
      const p = PLACEMENTS[i % PLACEMENTS.length]!
      const org = ORGS[i % 7]!
      expect(c.author).toEqual({ id: `import:${org}`, name: expect.any(String), org })
      expect(c.scope, c.id).toBe(p.scope)
      expect(c.needsAnchoring ?? false, c.id).toBe(needsAnchoring(p))
      if (p.scope === 'text') expect([c.locator, formatPlace(c.place)], c.id).toEqual([p.locator, p.locator])
      expect(c.history[0]).toMatchObject({ action: 'created', detail: 'imported', by: { id: `import:${org}` } })
      const decided = i % 5 === 0 ? DISPOSITIONS[(i / 5) % 4]! : null
      if (decided) {
        expect(c.status).toBe('resolved')
        // The table's decision, marked as imported (its row; who imported it) rather than the chair's own.
        expect(c.resolution).toEqual({
          disposition: decided[1],
          note: `Decision ${i}`,
          by: { id: 'import', name: 'Secretariat', org: '' },
          at: '2024-03-15T12:00:00.000Z',
          imported: { file: null, row: expect.any(Number), by: { id: expect.any(String), name: expect.any(String), org: expect.any(String) }, at: expect.any(String) },
        })
        expect(c.history[1]).toMatchObject({ action: 'resolved', detail: decided[1], by: c.resolution!.imported!.by })
      } else {
        expect(c.status).toBe('open')
      }
    })
    expect(created.find((c) => c.author.org === 'NO')!.author.name).toBe('Norway')
    expect(created.find((c) => c.scope === 'recommendation')).toMatchObject({
      place: { kind: 'recommendation', recommendation: 4, action: [] },
      locator: 'Recommendation 4',
      quote: 'Recommendation 4',
    })
  })

  it('lets an editor anchor an imported comment that needs anchoring', async () => {
    const editor = commentApi(server().url, await server().token('editor', 'Eda', 'WIPO'))
    const unplaced = (await editor.comments(documentId)).find((c) => c.needsAnchoring && c.quote === '')!
    const res = await editor.post(`/documents/${documentId}/comments/${unplaced.id}/anchor`, {
      anchor: { quote: 'Map each procedure', within: 'Recommendation 1' },
    })
    expect(res.status).toBe(200)
    const anchored = (await res.json()) as Comment
    expect(anchored).toMatchObject({
      scope: 'text',
      place: { kind: 'recommendation', recommendation: 1, action: [1] },
      locator: 'Recommendation 1 › Action 1',
      anchorState: 'anchored',
    })
    expect(anchored.needsAnchoring).toBeUndefined()
  })

  it('recognises rows the draft already has: a table imported again, or sent back with decisions, doubles nothing', async () => {
    const before = await chair.comments(documentId)
    const again = [...table({ withBadRows: false }), HEADER.map((h) => ({ ...goodRow(3), Comment: 'A new point from Australia.' })[h]!)]
    const preview = (await (await chair.upload(importPath(documentId, true), formatCsv(again), CSV)).json()) as ImportPreview
    expect(preview.summary).toMatchObject({ valid: before.length + 1, alreadyIn: before.length })
    expect(preview.rows.filter((r) => r.alreadyIn === null).map((r) => r.body)).toEqual(['A new point from Australia.'])
    // Each repeat names the comment it repeats.
    const byId = new Map(before.map((c) => [c.id, c]))
    for (const r of preview.rows.filter((r) => r.alreadyIn)) expect(byId.get(r.alreadyIn!)!.body).toBe(r.body)

    const res = await chair.upload(importPath(documentId), formatCsv(again), CSV)
    expect(res.status).toBe(201)
    const result = (await res.json()) as ImportResult
    expect(result.created.map((c) => c.body)).toEqual(['A new point from Australia.'])
    expect(result.skipped).toHaveLength(before.length)
    expect(await chair.comments(documentId)).toHaveLength(before.length + 1)

    // The table as Accord exports it (other columns, decisions filled in) is recognised too.
    const { bytes } = await chair.download(`/documents/${documentId}/comments/export?format=xlsx`)
    const exported = (await (await chair.upload(importPath(documentId, true), bytes, XLSX)).json()) as ImportPreview
    expect(exported.summary).toMatchObject({ valid: before.length + 1, alreadyIn: before.length + 1 })

    // Sent back with a row edited (wording and decision) but its ID kept: still that comment. A
    // delegation's own numbering that meets another comment's ID with other words is a new comment.
    const quoted = before.find((c) => c.scope === 'text' && c.quote !== '' && c.status === 'open')!
    const general = before.find((c) => c.scope === 'draft' && c.quote === '')!
    const row = (cells: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((h) => cells[h] ?? '')
    const sentBack = [
      HEADER,
      row({ ID: quoted.id, 'MEMBER STATE': quoted.author.org, type: quoted.type, 'Quoted Text': quoted.quote, Comment: 'Reworded in the file.', Disposition: 'Noted', observations: 'Seen.' }),
      row({ ID: general.id, 'MEMBER STATE': general.author.org, type: general.type, Location: 'General', Comment: 'A different point, numbered by the delegation.' }),
    ]
    const back = (await (await chair.upload(importPath(documentId, true), formatCsv(sentBack), CSV)).json()) as ImportPreview
    expect(back.rows.map((r) => r.alreadyIn)).toEqual([quoted.id, null])
  })
})
