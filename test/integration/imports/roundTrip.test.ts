import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../../server/imports/csvParse'
import type { ImportPreview } from '../../../shared/commentImport'
import { TABLE_COLUMNS, importedResolvedBy, resolverName } from '../../../shared/commentTable'
import { type CommentApi, commentApi } from '../../helpers/commentApi'
import * as Y from 'yjs'
import { fragmentOf, pmOf } from '../../helpers/draftFixtures'
import { testServerForThisFile } from '../../helpers/testServer'
import { CSV, ORGS, XLSX, importPath, xlsxCells } from '../../helpers/importTables'

const server = testServerForThisFile()

/** Export a draft's table, import it into a copy of the draft: the same table comes back. */

let chair: CommentApi
beforeAll(async () => {
  chair = commentApi(server().url, await server().token('chair', 'Ana Chair', 'NO'))
})

describe('round trip', () => {
  it('exporting a table and importing it into a fresh copy of the draft gives the same table', async () => {
    const original = await server().openDraft('Round trip')
    const as = async (org: string) => commentApi(server().url, await server().token('commenter', `Delegate ${org}`, org))
    const [au, de, lt, mx, mz, ng, no] = await Promise.all(ORGS.map(as))
    const c = {
      general: await de!.comment(original, { type: 'general', body: 'Mention small offices.' }),
      rec: await mx!.comment(original, { type: 'editorial', body: 'Split it.', recommendation: 4 }),
      text: await no!.comment(original, {
        type: 'technical',
        body: 'Two lines,\nwith "quotes".',
        proposedChange: 'end-to-end digital processing',
        anchor: { quote: 'end-to-end electronic processing' },
      }),
      same1: await lt!.comment(original, { type: 'editorial', body: '- starts like a list', anchor: { quote: 'Appoint data owners' } }),
      same2: await au!.comment(original, { type: 'general', body: '=1+1 is text', anchor: { quote: 'Appoint data owners' } }),
      nested: await mz!.comment(original, { type: 'technical', body: 'Add ransomware.', anchor: { quote: 'indicators of compromise;' } }),
      late: await ng!.comment(original, { type: 'general', body: 'Too vague.', anchor: { quote: 'Share the results of pilots' } }),
      gone: await ng!.comment(original, { type: 'general', body: 'Withdrawn.', anchor: { quote: 'Share the results of pilots' } }),
    }
    await ng!.withdraw(original, c.gone.id)
    // An imported comment whose quote is not in the draft keeps its quote while it waits for anchoring.
    const unplaced = 'Member State,Type,Comment,Quoted text,Location\r\nNO,te,Where is this?,words nobody wrote,Recommendation 5\r\n'
    expect((await chair.upload(importPath(original), unplaced, CSV)).status).toBe(201)
    await chair.resolve(original, c.text.id, 'accepted-with-modification', 'Reworded.')
    await chair.resolve(original, c.general.id, 'noted', '')
    await chair.resolve(original, c.nested.id, 'not-accepted', 'Out of scope, see "Recommendation 6".')

    const exported = (await chair.download(`/documents/${original}/comments/export?format=xlsx`)).bytes
    const csv = (await chair.download(`/documents/${original}/comments/export?format=csv`)).bytes.toString('utf8')
    const before = await xlsxCells(exported)
    expect(before).toHaveLength(9)
    // General comments come first, in the order they were made.
    expect(before.slice(1, 3).map((row) => row[0])).toEqual(['DE-001', 'NO-002'])
    expect(before[2]).toEqual(['NO-002', 'NO', 'General', 'Technical', 'words nobody wrote', 'Where is this?', '', '', '', '', ''])

    // Decisions that came in a table are marked as imported, from that file and row: never presented as
    // the importing chair's own. Everything else comes back the same.
    const resolvedBy = TABLE_COLUMNS.indexOf('Resolved by')
    const asImported = (table: string[][], file: string | null) =>
      table.map((row, r) => row.map((cell, col) => (r > 0 && col === resolvedBy && cell ? importedResolvedBy(resolverName(cell), file, r + 1) : cell)))

    // XLSX in, XLSX out.
    const copy = await server().openDraft('Round trip')
    expect((await chair.upload(`${importPath(copy)}?filename=table.xlsx`, exported, XLSX)).status).toBe(201)
    const after = await xlsxCells((await chair.download(`/documents/${copy}/comments/export?format=xlsx`)).bytes)
    const expected = asImported(before, 'table.xlsx')
    after.forEach((row, r) => row.forEach((cell, col) => expect(cell, `row ${r + 1}, ${TABLE_COLUMNS[col]}`).toBe(expected[r]![col])))
    expect(after).toEqual(expected)
    expect(after.filter((row) => /^Ana Chair \(imported from table\.xlsx, row \d+\)$/.test(row[resolvedBy]!))).toHaveLength(3)

    // CSV in, CSV out; and a table imported twice over keeps one mark, naming the last file.
    const copy2 = await server().openDraft('Round trip')
    expect((await chair.upload(importPath(copy2), csv, CSV)).status).toBe(201)
    const csvAfter = (await chair.download(`/documents/${copy2}/comments/export?format=csv`)).bytes.toString('utf8')
    const cellsOf = (text: string) => parseCsv(text).map((r) => r.cells)
    expect(cellsOf(csvAfter)).toEqual(asImported(cellsOf(csv), null))
    const copy3 = await server().openDraft('Round trip')
    expect((await chair.upload(importPath(copy3), csvAfter, CSV)).status).toBe(201)
    const csvAgain = (await chair.download(`/documents/${copy3}/comments/export?format=csv`)).bytes.toString('utf8')
    expect(csvAgain).toBe(csvAfter)
  })

  it('comments whose words were deleted, and comments an editor re-anchored, come back the same', async () => {
    const original = await server().openDraft('Round trip 2')
    const ng = commentApi(server().url, await server().token('commenter', 'Delegate NG', 'NG'))
    const mz = commentApi(server().url, await server().token('commenter', 'Delegate MZ', 'MZ'))
    const editor = commentApi(server().url, await server().token('editor', 'Ana Silva', 'WIPO'))
    const removed = 'freely available for reuse'
    const orphan = await ng.comment(original, { type: 'technical', body: 'Which licences?', anchor: { quote: removed } })
    const moved = await mz.comment(original, { type: 'editorial', body: 'Tie it to the budget.', anchor: { quote: 'written ICT strategy' } })
    const reanchor = await editor.post(`/documents/${original}/comments/${moved.id}/anchor`, { anchor: { quote: 'business goals' } })
    expect(reanchor.status).toBe(200)

    // An editor deletes the words of the first comment from the draft.
    await server().drafts.use(original, (doc) => {
      const texts: Y.XmlText[] = []
      const walk = (node: Y.XmlElement | Y.XmlFragment) =>
        node.toArray().forEach((child) => (child instanceof Y.XmlText ? texts.push(child) : child instanceof Y.XmlElement && walk(child)))
      walk(fragmentOf(doc))
      const text = texts.find((t) => t.toString().includes(removed))!
      text.delete(text.toString().indexOf(removed), removed.length)
    })
    const listed = await chair.comments(original)
    expect(listed.find((c) => c.id === orphan.id)?.anchorState).toBe('orphaned')

    const exported = (await chair.download(`/documents/${original}/comments/export?format=xlsx`)).bytes
    const before = await xlsxCells(exported)
    const rowOf = (id: string) => before.find((row) => row[0] === id)!
    expect(rowOf(orphan.id)[2]).toMatch(/^Recommendation \d+ \(text removed\)$/)
    expect(rowOf(orphan.id)[4]).toBe(removed)
    expect(rowOf(moved.id)[4]).toBe('business goals')

    // A fresh copy of the draft as it is now gets the same table back.
    const current = await server().drafts.use(original, (doc) => pmOf(doc).toJSON())
    const copy = await server().openDraft('Round trip 2', current)
    const preview = await chair.upload(importPath(copy, true), exported, XLSX)
    const previewRows = ((await preview.json()) as ImportPreview).rows
    expect(previewRows.find((r) => r.id === orphan.id)?.textRemoved).toBe(true)
    expect((await chair.upload(importPath(copy), exported, XLSX)).status).toBe(201)
    const after = await xlsxCells((await chair.download(`/documents/${copy}/comments/export?format=xlsx`)).bytes)
    expect(after).toEqual(before)
    const imported = await chair.comments(copy)
    expect(imported.find((c) => c.id === orphan.id)?.anchorState).toBe('orphaned')
    // The place the table named, as data: the one the deleted words were last seen at.
    const lastSeen = listed.find((c) => c.id === orphan.id)!.place
    expect(lastSeen.kind).toBe('recommendation')
    expect(imported.find((c) => c.id === orphan.id)?.place).toEqual(lastSeen)
  })
})
