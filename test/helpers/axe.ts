import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** One rule that failed on a page: its id, impact, and where (a few of the failing elements' selectors). */
export interface AxeProblem {
  rule: string
  impact: string | null
  help: string
  where: string[]
}

/** What axe-core found on the page as it is now: violations, and how many rules passed. */
export interface AxeResult {
  violations: AxeProblem[]
  passed: number
}

/**
 * Runs axe-core in the page with all of its default rules (WCAG 2.0, 2.1 A and AA, and best practices).
 * The page's Content-Security-Policy refuses injected scripts: open it in a context made with `bypassCSP`.
 */
export async function runAxe(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT })
  return page.evaluate(async () => {
    type Node = { target: unknown[] }
    type Rule = { id: string; impact: string | null; help: string; nodes: Node[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return {
      violations: result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
      passed: result.passes.length,
    }
  })
}
