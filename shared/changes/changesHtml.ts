import { DRAFT_PAGE_STYLE, escapeHtml, htmlPage } from '../html'
import type { ChangesReport } from './changesReport'
import { DEFAULT_LANGUAGE } from '../i18n/languages'
import { sharedTranslate } from '../i18n/sharedTranslate'
import { changesHeading, changesRows, changesTableHeader, commentLine } from './changesRows'

const STYLE = `${DRAFT_PAGE_STYLE}
td ul{margin:0;padding-left:1.1rem}.summary li{margin:.15rem 0}.muted{color:#555}`

const items = (lines: readonly string[]) => (lines.length > 0 ? `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '')

/** The changes-since report as a standalone page: the summary, then one row per recommendation. */
export function changesHtml(title: string, report: ChangesReport): string {
  // The report's files are in English, as are their other words here.
  const t = sharedTranslate(DEFAULT_LANGUAGE)
  const head = changesTableHeader(t).map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')
  const rows = changesRows(t, report).map(
    ([recommendation, change, editors, comments]) =>
      `<tr><th scope="row">${escapeHtml(recommendation)}</th><td>${escapeHtml(change)}</td><td>${escapeHtml(editors)}</td><td>${items(comments)}</td></tr>`,
  )
  const other = report.otherComments.map((c) => `${commentLine(t, c)} — ${c.locator}`)
  const body = [
    `<p class="muted">${escapeHtml(changesHeading(t, report))}</p>`,
    '<h2>Summary of the changes</h2>',
    report.summary.length > 0 ? `<ul class="summary">${report.summary.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '<p>No changes.</p>',
    '<h2>Recommendations</h2>',
    `<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    other.length > 0 ? `<h2>Other comments</h2>${items(other)}` : '',
  ]
  return htmlPage(`${title}: summary of the changes`, STYLE, body.filter(Boolean).join('\n'))
}
