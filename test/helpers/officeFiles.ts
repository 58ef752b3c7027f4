import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import JSZip from 'jszip'

/**
 * Office files in tests: DOCX read back (the XML of a part, the text of tables and paragraphs), and
 * files rendered to PDF by LibreOffice and read back page by page with poppler's pdftotext.
 */

export async function docxPart(bytes: Uint8Array, path = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const part = zip.file(path)
  if (!part) throw new Error(`no ${path} in the DOCX`)
  return part.async('string')
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

const all = (xml: string, re: RegExp) => Array.from(xml.matchAll(re), (m) => m[0])

/** Text of one <w:p>: runs joined, <w:br/> as "\n". */
export function paragraphText(p: string): string {
  return all(p, /<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:br\/>/g)
    .map((t) => (t === '<w:br/>' ? '\n' : decode(t.replace(/<[^>]+>/g, ''))))
    .join('')
}

/** The paragraphs of some XML (each `<w:p>` element), as text. */
export function paragraphs(xml: string): string[] {
  return all(xml, /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g).map(paragraphText)
}

/** Each table (not nested) as rows of cells; a cell's paragraphs are joined with "\n". */
export function docxTables(xml: string): string[][][] {
  return all(xml, /<w:tbl>[\s\S]*?<\/w:tbl>/g).map((table) =>
    all(table, /<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g).map((row) =>
      all(row, /<w:tc(?:\s[^>]*)?>[\s\S]*?<\/w:tc>/g).map((cell) => paragraphs(cell).join('\n')),
    ),
  )
}

/** The cells of a table as raw XML, to check list levels and formatting. */
export function docxTableCellXml(xml: string, table: number, row: number, cell: number): string {
  const t = all(xml, /<w:tbl>[\s\S]*?<\/w:tbl>/g)[table] ?? ''
  const r = all(t, /<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)[row] ?? ''
  return all(r, /<w:tc(?:\s[^>]*)?>[\s\S]*?<\/w:tc>/g)[cell] ?? ''
}

/** The names of the files in a DOCX (or XLSX) package. */
export async function packageParts(bytes: Uint8Array): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(bytes)).files)
}

const run = promisify(execFile)

/** A program's full path when it is on the PATH. */
function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, program)
    if (dir !== '' && existsSync(path)) return path
  }
  return null
}

/** Why pdftotext cannot be used here, or null when it can. */
export function pdfTextMissing(): string | null {
  return onPath('pdftotext') ? null : 'pdftotext (poppler-utils) is not installed'
}

/**
 * What this machine can render, or why not: LibreOffice (writer for DOCX, calc for XLSX) and pdftotext.
 * CI has no LibreOffice; tests that need it skip and say why.
 */
export function officeRendering(): { missing: string | null; calcMissing: string | null } {
  const soffice = onPath('soffice')
  if (!soffice) return { missing: 'LibreOffice (soffice) is not installed', calcMissing: null }
  const missing = pdfTextMissing()
  if (missing) return { missing, calcMissing: null }
  const calc = existsSync(join(dirname(realpathSync(soffice)), 'libsclo.so'))
  return { missing: null, calcMissing: calc ? null : 'LibreOffice Calc (libreoffice-calc) is not installed' }
}

/** A PDF's pages as text (`pdftotext -layout`, so words on one line of a page stay on one line). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const child = run('pdftotext', ['-layout', '-', '-'], { maxBuffer: 64 * 1024 * 1024 })
  child.child.stdin!.end(pdf)
  // pdftotext ends every page with a form feed.
  return (await child).stdout.split('\f').slice(0, -1)
}

/**
 * Renders office files to PDF with LibreOffice in one run and returns each file's pages as text. A
 * private LibreOffice profile keeps this run apart from any other LibreOffice on the machine. Set
 * KEEP_PDF to a folder to keep the PDFs there, to look at them.
 */
export async function renderedPages(files: Record<string, Uint8Array>): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-office-'))
  try {
    const names = Object.keys(files)
    for (const name of names) writeFileSync(join(dir, name), files[name]!)
    const profile = pathToFileURL(join(dir, 'profile')).href
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => join(dir, n))], {
      timeout: 120_000,
    })
    const pages: Record<string, string[]> = {}
    for (const name of names) {
      const path = join(dir, name.replace(/\.[^.]+$/, '.pdf'))
      if (!existsSync(path)) throw new Error(`LibreOffice made no PDF of ${name}`)
      const pdf = readFileSync(path)
      pages[name] = await pdfPages(pdf)
      if (process.env.KEEP_PDF) writeFileSync(join(process.env.KEEP_PDF, `${name}.pdf`), pdf)
    }
    return pages
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
