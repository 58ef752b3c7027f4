import JSZip from 'jszip'

/** Reading DOCX files back in tests: the XML of a part, and the text of tables and paragraphs. */

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
