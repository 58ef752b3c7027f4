import type { Locator, Page } from 'playwright-core'
import { sel } from './selectors'

/**
 * What the page draws inside the draft that is not the draft's text: collaborators' carets (with their
 * labels), the print-only notes, and the proposed words drawn after the words they would replace.
 */
const DRAWN_NOT_WRITTEN = '.collaboration-carets__caret, .print-notes, .proposal-inserts, ins.suggestion'

/**
 * The texts the matching elements of the draft show, without collaborators' caret labels: a caret sits inside
 * the text it points at, so its "name · org · role" label would otherwise split the words. The comments'
 * print-only notes, hidden on screen, are left out too.
 */
export const textsWithoutCarets = (target: Locator) =>
  target.evaluateAll((els, DRAWN_NOT_WRITTEN) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as Element
      copy.querySelectorAll(DRAWN_NOT_WRITTEN).forEach((c) => c.remove())
      return copy.textContent ?? ''
    }),
  DRAWN_NOT_WRITTEN)

/** The same for one element. */
export const textWithoutCarets = async (target: Locator) => (await textsWithoutCarets(target)).join('')

/** Selects `words` inside an element with the browser's own selection (across highlight spans). */
export async function selectText(target: Locator, words: string): Promise<void> {
  await target.evaluate((el, [w, skip]) => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement?.closest(skip)) nodes.push(n as Text)
    }
    const all = nodes.map((n) => n.data).join('')
    const at = all.indexOf(w)
    if (at < 0) throw new Error(`"${w}" not found`)
    const locate = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset]
        offset -= n.data.length
      }
      throw new Error('offset past the end')
    }
    const range = document.createRange()
    range.setStart(...locate(at))
    range.setEnd(...locate(at + w.length))
    // Resolves once the page has heard of the new selection: the editor reads it on this event, and a
    // key pressed before would act on the old one.
    return new Promise<void>((resolve) => {
      document.addEventListener('selectionchange', () => resolve(), { once: true })
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
    })
  }, [words, DRAWN_NOT_WRITTEN] as const)
}

/** Clicks into the n-th recommendation's statement (0-based), goes to the end of its line and types `text`. */
export async function typeAtEndOfStatement(page: Page, recommendation: number, text: string): Promise<void> {
  await page.locator(sel.recommendation).nth(recommendation).locator(sel.statement).click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

/** The text a comment's highlight covers in a window (all its elements joined). */
export const highlighted = (page: Page, commentId: string) =>
  page.locator(sel.highlight(commentId)).evaluateAll((els) => els.map((e) => e.textContent).join(''))
