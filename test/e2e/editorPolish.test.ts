import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'
import { typeAtEndOfStatement } from '../helpers/textSelection'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * Small things people trying Accord noticed: what readers are told about saving, toolbar buttons that
 * looked pressed, caret labels over the line above, the box of general comments without a heading,
 * and chart bars that printed their number twice.
 */
let chair: Page
let editor: Page
let delegate: Page

beforeAll(async () => {
  const no = commentApi(server().url, await server().token('commenter', 'Ola Nordmann', 'NO'))
  await no.comment(server().demoId, { type: 'technical', body: 'Define end-to-end.', anchor: { quote: 'end-to-end electronic processing' } })
  await no.comment(server().demoId, { type: 'editorial', body: 'Another adjective.', anchor: { quote: 'written ICT strategy' } })
  await no.comment(server().demoId, { type: 'general', body: 'Say how offices report their progress.' })
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' })
  editor = await signedInPage(browser(), server(), { name: 'Ana Silva', org: 'MZ', role: 'editor' })
  delegate = await signedInPage(browser(), server(), { name: 'Nora Dahl', org: 'NO', role: 'commenter' })
})

const opacity = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).opacity)

describe('polish in the editor and the dashboard', () => {
  it('only those who can edit are told their changes are saved', async () => {
    await chair.locator(sel.saveState, { hasText: 'All changes saved' }).waitFor()
    const observer = await signedInPage(browser(), server(), { name: 'Olga Ivanova', org: 'LT', role: 'observer' })
    for (const reader of [delegate, observer]) {
      expect(await reader.locator(sel.connectionState).textContent()).toBe('Connected')
      expect(await reader.locator(sel.saveState).count()).toBe(0)
    }
    await observer.context().close()
  })

  it('no toolbar button looks pressed until the caret is placed, then those of its block do', async () => {
    // ProseMirror starts with its caret in the first block, here a heading nobody chose.
    expect(await chair.locator(sel.heading1Button).getAttribute('aria-pressed')).toBe('false')
    await chair.getByRole('heading', { name: 'Introduction' }).click()
    await expect.poll(() => chair.locator(sel.heading1Button).getAttribute('aria-pressed')).toBe('true')
    await chair.locator(sel.recommendation).first().locator(sel.statement).click()
    await expect.poll(() => chair.locator(sel.heading1Button).getAttribute('aria-pressed')).toBe('false')
  })

  it("a collaborator's caret label shows while they type, then fades and leaves a small flag", async () => {
    await typeAtEndOfStatement(editor, 1, ' now')
    const label = `${sel.caretLabel}:text("Ana Silva · MZ")`
    await chair.locator(label).waitFor()
    await expect.poll(() => opacity(chair, label)).toBe('0')
    expect(await chair.locator(sel.caretFlag).first().isVisible()).toBe(true)
    await editor.keyboard.type(' and later')
    await expect.poll(() => opacity(chair, label)).toBe('1')
  })

  it('the box of general comments above the draft has a heading', async () => {
    expect(await delegate.locator(sel.floatingTitle).textContent()).toBe('General comments (1)')
    expect(await delegate.getByRole('region', { name: 'General comments (1)' }).locator(sel.thread).count()).toBe(1)
  })

  it('a bar of one part shows its number once; a bar of several parts shows each part too', async () => {
    const dashboard = await signedInPage(browser(), server(), { name: 'Dora Chair', org: 'WIPO', role: 'chair' }, `/d/${server().demoId}/dashboard`)
    const bar = dashboard.locator(sel.chart('org')).locator(sel.chartRow('NO'))
    await bar.waitFor()
    expect(await bar.locator(sel.chartTotal).textContent()).toBe('3')
    expect(await bar.locator(sel.chartCount).count()).toBe(0)
    await dashboard.locator(sel.commentRowById('NO-001')).locator(sel.resolveButton).click()
    await dashboard.selectOption(sel.resolveDisposition, 'noted')
    await dashboard.fill(sel.resolveNote, 'Defined in the glossary.')
    await dashboard.click(sel.resolveSubmit)
    await expect.poll(() => bar.locator(sel.chartCount).allTextContents()).toEqual(['2', '1'])
    expect(await bar.locator(sel.chartTotal).textContent()).toBe('3')
    await dashboard.context().close()
  })
})
