import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../shared/commentImport'
import type { DocumentMeta, Me } from '../../shared/types'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { CSV, XLSX } from '../helpers/importTables'
import { testServerForThisFile } from '../helpers/testServer'

const server = testServerForThisFile()

/**
 * Languages on the server: each participant's interface language (PATCH /api/me), each draft's language
 * (set at creation, in the list), the comment-resolution table exported with the headers, types and
 * decisions of the draft's language, and imported with headers and values in any of the six.
 */
let chair: CommentApi
let token: string
const json = (body: unknown) => ({ method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

beforeAll(async () => {
  token = await server().token('chair', 'Leïla Chair', 'WIPO')
  chair = commentApi(server().url, token)
})

describe('languages on the server', () => {
  it('a participant has no language until they choose one, then keeps it; an unknown one is refused', async () => {
    expect(((await (await chair.get('/me')).json()) as Me).language).toBeNull()
    const saved = await fetch(`${server().url}/api/me`, json({ language: 'ar' }))
    expect(saved.status).toBe(200)
    expect(((await saved.json()) as Me).language).toBe('ar')
    expect(((await (await chair.get('/me')).json()) as Me).language).toBe('ar')
    const refused = await fetch(`${server().url}/api/me`, json({ language: 'de' }))
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { code: string }).code).toBe('request.invalid')
    expect(((await (await chair.get('/me')).json()) as Me).language).toBe('ar')
  })

  it('a draft is created in a language, listed with it, and its template speaks it; older drafts read as English', async () => {
    const res = await chair.post('/documents', { title: 'Recommandations sur les TIC', template: 'recommendations', language: 'fr' })
    expect(res.status).toBe(201)
    const created = (await res.json()) as DocumentMeta
    expect(created.language).toBe('fr')
    const listed = await chair.drafts()
    expect(listed.find((d) => d.id === created.id)?.language).toBe('fr')
    expect(listed.find((d) => d.id === server().demoId)?.language).toBe('en')
    const { bytes } = await chair.download(`/documents/${created.id}/export?format=md`)
    expect(bytes.toString('utf8')).toContain('Recommandations')
    expect(bytes.toString('utf8')).toContain('Expliquez l’objet des présentes recommandations')
    expect((await chair.post('/documents', { title: 'X', language: 'xx' })).status).toBe(400)
  })

  it('the table of a Russian draft has Russian headers, types and decisions, in CSV, XLSX and DOCX alike', async () => {
    const id = (await ((await chair.post('/documents', { title: 'Рекомендации', language: 'ru' })).json() as Promise<DocumentMeta>)).id
    const c = await chair.comment(id, { type: 'technical', body: 'Уточнить формулировку.' })
    await chair.resolve(id, c.id, 'noted', '')
    const csv = (await chair.download(`/documents/${id}/comments/export?format=csv`)).bytes.toString('utf8').replace(/^\uFEFF/, '')
    const [header, row] = csv.split(/\r?\n/)
    expect(header).toBe('ID,Государство-член,Место,Тип,Цитируемый текст,Комментарий,Предлагаемое изменение,Решение,Пояснения,Кем принято решение,Дата решения')
    expect(row).toContain('Технический')
    expect(row).toContain('Принято к сведению')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await chair.download(`/documents/${id}/comments/export?format=xlsx`)).bytes as unknown as ArrayBuffer)
    expect(workbook.worksheets[0]!.getRow(1).getCell(2).value).toBe('Государство-член')
    const docx = (await chair.download(`/documents/${id}/comments/export?format=docx`)).bytes
    expect(await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')).toContain('Государство-член')
  })

  it('a French draft exports in French: its recommendations table, labels and page numbers, in DOCX, HTML and Markdown', async () => {
    const id = (await ((await chair.post('/documents', { title: 'Recommandations', language: 'fr' })).json() as Promise<DocumentMeta>)).id
    const docx = await JSZip.loadAsync((await chair.download(`/documents/${id}/export?format=docx`)).bytes)
    const body = await docx.file('word/document.xml')!.async('string')
    expect(body).toContain('Mesures recommandées')
    expect(body).toContain('Recommandation 1')
    expect(body).not.toContain('Recommended Actions')
    const footers = await Promise.all(Object.keys(docx.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => docx.file(f)!.async('string')))
    expect(footers.join('')).toMatch(/Page .*PAGE.* sur .*NUMPAGES/s)
    const html = (await chair.download(`/documents/${id}/export?format=html`)).bytes.toString('utf8')
    expect(html).toContain('<html lang="fr" dir="ltr">')
    expect(html).toContain('<th>Mesures recommandées</th>')
    const md = (await chair.download(`/documents/${id}/export?format=md`)).bytes.toString('utf8')
    expect(md).toContain('**Recommandation 1.**')
    expect(md).toContain('*Mesures recommandées*')
    const xlsx = new ExcelJS.Workbook()
    await xlsx.xlsx.load((await chair.download(`/documents/${id}/comments/export?format=xlsx`)).bytes as unknown as ArrayBuffer)
    expect(xlsx.worksheets[0]!.headerFooter.oddFooter).toBe('&CPage &P sur &N')
  })

  it('an import reads headers, types and decisions in any of the six languages', async () => {
    const target = await server().openDraft('Import target')
    const rows = [
      ['الدولة العضو', 'النوع', 'التعليق', 'القرار'],
      ['NO', 'تقني', 'تعليق بالعربية.', 'مقبول'],
    ]
    const preview = async (bytes: Buffer | string, type: string) => {
      const res = await chair.upload(`/documents/${target}/comments/import/preview`, bytes, type)
      expect(res.status).toBe(200)
      return (await res.json()) as ImportPreview
    }
    const arabic = await preview(rows.map((r) => r.join(',')).join('\r\n'), CSV)
    expect(arabic.errors).toEqual([])
    expect(arabic.rows[0]).toMatchObject({ org: 'NO', type: 'technical', body: 'تعليق بالعربية.', disposition: 'accepted' })
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('表')
    sheet.addRow(['成员国', '类型', '意见', '处理决定', '位置'])
    sheet.addRow(['MZ', '编辑性', '中文意见。', '修改后接受', 'Recommendation 2'])
    sheet.addRow(['DE', 'Rédactionnel', 'Commentaire.', 'Pris note', ''])
    sheet.addRow(['MX', 'Técnico', 'Comentario.', 'NO ACEPTADO', ''])
    sheet.addRow(['LT', 'редакционный', 'Комментарий.', 'Принято с изменениями', ''])
    const mixed = await preview(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX)
    expect(mixed.errors).toEqual([])
    expect(mixed.rows.map((r) => [r.org, r.type, r.disposition])).toEqual([
      ['MZ', 'editorial', 'accepted-with-modification'],
      ['DE', 'editorial', 'noted'],
      ['MX', 'technical', 'not-accepted'],
      ['LT', 'editorial', 'accepted-with-modification'],
    ])
  })

  it('a missing column is named in the language of the reader, from its code', async () => {
    const target = await server().openDraft('Import target 2')
    const res = await chair.upload(`/documents/${target}/comments/import/preview`, 'Type,Comment\r\nte,x\r\n', CSV)
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: string; code: string; params: { missing: string[] } }
    expect(body.code).toBe('import.missingColumns')
    expect(body.params.missing).toEqual(['Member State'])
    expect(body.error).toContain('"Member State"')
  })
})
