import { describe, expect, it } from 'vitest'
import { BOM, formatCsv } from '../../server/exports/csvFormat'
import { CsvError, parseCsv } from '../../server/imports/csvParse'
import { seededRandom, seedsToRun } from '../helpers/random'

describe('formatCsv (RFC 4180)', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const csv = formatCsv([
      ['a', 'b'],
      ['1', '2'],
    ])
    expect(csv.startsWith(BOM)).toBe(true)
    expect(csv.slice(1)).toBe('a,b\r\n1,2\r\n')
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    const csv = formatCsv([['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '']])
    expect(csv.slice(1)).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r\nlf",\r\n')
  })

  it('keeps non-ASCII text as UTF-8', () => {
    const csv = formatCsv([['Côte d’Ivoire', 'Türkiye', '日本']])
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(`${BOM}Côte d’Ivoire,Türkiye,日本\r\n`)
  })

  it('defuses cells a spreadsheet would run as formulas, and parseCsv restores them', () => {
    const cells = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'a=b']
    const csv = formatCsv([cells])
    expect(csv.slice(1)).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),a=b\r\n`)
    expect(parseCsv(csv)[0]!.cells).toEqual(cells)
  })
})

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, quotes and line breaks; numbers records as spreadsheet rows', () => {
    const records = parseCsv('ID,Comment\r\nNO-001,"one, ""two""\r\nthree"\r\nNO-002,plain\r\n')
    expect(records).toEqual([
      { row: 1, cells: ['ID', 'Comment'] },
      { row: 2, cells: ['NO-001', 'one, "two"\r\nthree'] },
      { row: 3, cells: ['NO-002', 'plain'] },
    ])
  })

  it('accepts LF and CR line ends, a missing final line end, and ignores the BOM', () => {
    expect(parseCsv('\uFEFFa,b\nc,d').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseCsv('a\rb\r').map((r) => r.cells)).toEqual([['a'], ['b']])
  })

  it('keeps empty fields and blank lines (as rows of one empty cell)', () => {
    expect(parseCsv('a,,c\r\n\r\n,,\r\n').map((r) => r.cells)).toEqual([['a', '', 'c'], [''], ['', '', '']])
  })

  it('reads semicolon- and tab-separated files as Excel writes them in some locales', () => {
    expect(parseCsv('ID;Comment\r\nNO-001;"a; b"\r\n')[1]!.cells).toEqual(['NO-001', 'a; b'])
    expect(parseCsv('ID\tComment\nNO-001\tx, y\n')[1]!.cells).toEqual(['NO-001', 'x, y'])
  })

  it('takes the delimiter found most often in the header, not the first one it meets', () => {
    expect(parseCsv('ID;Comment, notes;Type\r\nNO-001;a, b;ed\r\n')[1]!.cells).toEqual(['NO-001', 'a, b', 'ed'])
  })

  it('finds the delimiter outside quoted fields of the first record (seeds 597403, 600977)', () => {
    expect(parseCsv('" ;\n;",b\r\nc,d\r\n').map((r) => r.cells)).toEqual([
      [' ;\n;', 'b'],
      ['c', 'd'],
    ])
  })

  it('reports an unterminated quote with the line it starts on', () => {
    expect(() => parseCsv('a,b\r\n1,"never closed\r\nmore')).toThrow(CsvError)
    expect(() => parseCsv('a,b\r\n1,"never closed\r\nmore')).toThrow(/line 2/)
  })

  it('round-trips random tables (seeded)', () => {
    const alphabet = ['a', 'Z', ' ', ',', '"', '\n', '\r\n', ';', "'", '=', 'é', '“', '\t', '-']
    for (const seed of seedsToRun(5)) {
      const rnd = seededRandom(seed)
      const width = rnd.int(1, 6)
      const table = Array.from({ length: rnd.int(1, 20) }, () =>
        Array.from({ length: width }, () => Array.from({ length: rnd.int(0, 12) }, () => rnd.pick(alphabet)).join('')),
      )
      // A record of one empty cell is written as a blank line, which reads back the same.
      const parsed = parseCsv(formatCsv(table)).map((r) => r.cells)
      expect(parsed, `seed ${seed}`).toEqual(table)
    }
  })
})
