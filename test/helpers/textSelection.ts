import type { Locator } from 'playwright-core'

/** Selects `words` inside an element with the browser's own selection (across highlight spans). */
export async function selectText(target: Locator, words: string): Promise<void> {
  await target.evaluate((el, w) => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!(n.parentElement?.closest('.collaboration-carets__caret'))) nodes.push(n as Text)
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
    getSelection()!.removeAllRanges()
    getSelection()!.addRange(range)
  }, words)
}
