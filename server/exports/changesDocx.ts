import { HeadingLevel, Paragraph } from 'docx'
import type { ChangesReport } from '../../shared/changes/changesReport'
import { changesHeading, changesRows, changesTableHeader, commentLine } from '../../shared/changes/changesRows'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import { type RunningText, fixedTable, packDocx, pageSection, plainRuns, proportionalWidths, titleParagraph } from './docxCommon'

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: plainRuns(text) })
const bullet = (text: string) => new Paragraph({ bullet: { level: 0 }, children: plainRuns(text) })
const lines = (texts: readonly string[]) => texts.map((t) => new Paragraph({ children: plainRuns(t) }))

/** The changes-since report in Word: the summary as a bulleted list, then the table per recommendation. */
export function changesDocx(title: string, report: ChangesReport, running: RunningText): Promise<Buffer> {
  const orientation = 'portrait'
  // The report's files are in English, as are their other words here.
  const t = sharedTranslate(DEFAULT_LANGUAGE)
  const rows = changesRows(t, report).map(([recommendation, change, editors, comments]) => [
    lines([recommendation]),
    lines([change]),
    lines(editors ? [editors] : []),
    lines(comments),
  ])
  const other = report.otherComments.map((c) => `${commentLine(t, c)} — ${c.locator}`)
  const children = [
    titleParagraph(`${title}: summary of the changes`),
    new Paragraph({ children: plainRuns(changesHeading(t, report)) }),
    heading('Summary of the changes'),
    ...(report.summary.length > 0 ? report.summary.map(bullet) : lines(['No changes.'])),
    heading('Recommendations'),
    fixedTable(proportionalWidths(orientation, [2, 3, 2.5, 4]), changesTableHeader(t), rows),
    ...(other.length > 0 ? [heading('Other comments'), ...other.map(bullet)] : []),
  ]
  return packDocx(`${title}: summary of the changes`, [pageSection(orientation, running, children)])
}
