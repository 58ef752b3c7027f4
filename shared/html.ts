import { DEFAULT_LANGUAGE, type Language, directionOf } from './i18n/languages'

/** Standalone HTML pages of a draft (the draft's export, its redline): escaping and the page around the text. */

/** Escapes text for HTML content and attribute values: nothing from the draft is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** How a draft's page looks: readable width, recommendations tables with ruled cells. */
export const DRAFT_PAGE_STYLE = `body{font-family:Calibri,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #888;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#eee}td>p:first-child{margin-top:0}`

/** A complete page with the title as its heading; a CSP forbids scripts and remote content in it. */
export function htmlPage(title: string, style: string, body: string, language: Language = DEFAULT_LANGUAGE): string {
  return `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}
