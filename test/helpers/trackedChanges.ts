import { paragraphText } from './officeFiles'

/**
 * Word's "Accept all changes" and "Reject all changes" on a document.xml, as text: the body's
 * paragraphs and the paragraphs of every table cell, in document order. Accepting drops deleted runs
 * and rows and keeps inserted ones; a paragraph whose mark is deleted joins the next paragraph of its
 * cell (or, emptied, before a table, goes). Rejecting is the mirror image.
 */
export function resolvedParagraphs(xml: string, choice: 'accept' | 'reject'): string[] {
  const [gone, kept] = choice === 'accept' ? ['del', 'ins'] : ['ins', 'del']
  let body = xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.lastIndexOf('<w:sectPr'))
  // Rows marked as gone, then tables left without rows.
  body = body.replace(/<w:tr>[\s\S]*?<\/w:tr>/g, (row) => (new RegExp(`<w:trPr>(?:(?!</w:trPr>)[\\s\\S])*<w:${gone} `).test(row) ? '' : row))
  body = body.replace(/<w:tbl>(?:(?!<w:tr>)[\s\S])*?<\/w:tbl>/g, '')
  // Runs: the gone ones out, the kept ones unwrapped (self-closing marks on paragraphs and rows stay).
  body = body.replace(new RegExp(`<w:${gone}\\b[^>]*[^/]>[\\s\\S]*?</w:${gone}>`, 'g'), '')
  body = body.replace(new RegExp(`<w:${kept}\\b[^>]*[^/]>|</w:${kept}>`, 'g'), '')
  if (choice === 'reject') body = body.replace(/<w:delText\b/g, '<w:t').replace(/<\/w:delText>/g, '</w:t>')
  const markGone = new RegExp(`<w:pPr>(?:(?!</w:pPr>)[\\s\\S])*<w:${gone} `)
  const out: string[] = []
  /** The paragraphs of one container (a cell, or the body between tables), joined where marks went. */
  const container = (paragraphs: string[], endsBeforeTable: boolean) => {
    let carry = ''
    paragraphs.forEach((p, i) => {
      const last = i === paragraphs.length - 1
      const text = carry + paragraphText(p)
      if (markGone.test(p) && !(last && !endsBeforeTable)) {
        if (!last) carry = text
        else if (text !== '') throw new Error(`a paragraph before a table lost its mark but kept text: ${text}`)
        return
      }
      carry = ''
      out.push(text)
    })
  }
  const paragraphsOf = (xml: string) => Array.from(xml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g), (m) => m[0])
  const parts = body.split(/(<w:tbl>[\s\S]*?<\/w:tbl>)/)
  parts.forEach((part, i) => {
    if (!part.startsWith('<w:tbl>')) return container(paragraphsOf(part), i < parts.length - 1)
    for (const cell of part.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) container(paragraphsOf(cell[0]), false)
  })
  return out
}

/** Paragraph texts without the empty ones at the end (Word keeps a last paragraph mark that nothing can remove). */
export const withoutTrailingEmpty = (texts: string[]) => {
  const out = [...texts]
  while (out[out.length - 1] === '') out.pop()
  return out
}

/** The authors Word will show for the tracked insertions and deletions of a document.xml. */
export function trackedAuthors(xml: string, kind: 'ins' | 'del'): Set<string> {
  return new Set(Array.from(xml.matchAll(new RegExp(`<w:${kind} w:id="\\d+" w:author="([^"]*)"`, 'g')), (m) => m[1]!))
}
