import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { doc, heading, paragraph, recommendation } from '../../server/documents/draftJson'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { sel } from '../helpers/selectors'
import { highlighted, selectText, textWithoutCarets } from '../helpers/textSelection'
import { browserText } from '../helpers/translations'

const { server, browser } = browserSuiteForThisFile()

/**
 * An Arabic draft, right to left, with three people whose interface is Arabic: the chair, a Task Force
 * member typing in it, and an Egyptian delegate. Paragraphs run in their own direction (an English one
 * stays left to right), the layout is mirrored, a comment in Arabic is anchored to Arabic words and
 * highlighted exactly on them in every window, a collaborator's caret sits in the Arabic line, a suggestion
 * is typed over Arabic words, and the chair decides the comment in Arabic.
 */
const ar = browserText('ar')
const PURPOSE = 'يهدف هذا المشروع إلى مساعدة مكاتب الملكية الفكرية على التخطيط لتقنيات المعلومات والاتصالات.'
const ENGLISH = 'This paragraph stays in English.'
const STATEMENT = 'ينبغي للمكاتب أن تعتمد استراتيجية مكتوبة لتقنيات المعلومات والاتصالات.'
const ACTION = 'تدريب جميع الموظفين على التوعية الأمنية كل عام.'
const WORDS = 'استراتيجية مكتوبة'
const BODY = 'نقترح توضيح الجهة التي تعتمد الاستراتيجية.'
const STRUCK = 'كل عام'
const TYPED = 'مرتين في السنة'

let documentId: string
let chair: Page
let member: Page
let delegate: Page
let commentId: string

const direction = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).direction)
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!

beforeAll(async () => {
  documentId = (
    await server().documents.createWithContent(
      'توصيات بشأن تقنيات المعلومات',
      doc(heading(1, 'مقدمة'), paragraph(PURPOSE), paragraph(ENGLISH), heading(1, 'التوصيات'), recommendation(STATEMENT, ['اعتماد الإيداع الإلكتروني لجميع الإجراءات.', ACTION])),
      undefined,
      { language: 'ar', commentsOutsideConsultation: true },
    )
  ).id
  const path = `/d/${documentId}`
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair', language: 'ar' }, path)
  member = await signedInPage(browser(), server(), { name: 'Omar Haddad', org: 'JO', role: 'editor', language: 'ar' }, path)
  delegate = await signedInPage(browser(), server(), { name: 'Layla Hassan', org: 'EG', role: 'commenter', language: 'ar' }, path)
})

describe('an Arabic draft, right to left', () => {
  it('the page is mirrored and each paragraph runs in the direction of its own words', async () => {
    expect(await chair.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl'])
    expect(await direction(chair, `${sel.editor} p:has-text("${PURPOSE.slice(0, 10)}")`)).toBe('rtl')
    expect(await direction(chair, `${sel.editor} p:has-text("${ENGLISH}")`)).toBe('ltr')
    expect(await direction(chair, `${sel.editor} ${sel.statement}`)).toBe('rtl')
    expect(await chair.locator(`${sel.editor} ${sel.statement}`).getAttribute('dir')).toBe('auto')
    // The comments sit on the left of the text, the toolbar starts at the right, undo points the other way.
    expect((await box(chair, '.sidebar-column')).x).toBeLessThan((await box(chair, '.editor-column')).x)
    const tools = chair.locator('.toolbar .tool-group')
    expect((await tools.first().boundingBox())!.x).toBeGreaterThan((await tools.nth(1).boundingBox())!.x)
    expect(await chair.locator(sel.undo).evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)')
    // The recommendation is labelled in Arabic, by the style sheet.
    const label = await chair.locator(sel.recommendation).first().evaluate((el) => getComputedStyle(el, '::before').content)
    expect(label).toBe(`"${ar('editor.recommendationLabel')} 1"`)
    expect(await delegate.locator(sel.readOnlyHint).textContent()).toBe(ar('hint.commenter'))
  })

  it('a delegate comments in Arabic on Arabic words; every window highlights exactly those words and announces the comment', async () => {
    await selectText(delegate.locator(`${sel.editor} ${sel.statement}`), WORDS)
    await delegate.click(sel.commentButton)
    expect(await delegate.locator(sel.composerQuote).textContent()).toBe(WORDS)
    await delegate.fill(sel.composerBody, BODY)
    await delegate.click(sel.composerSubmit)
    const thread = delegate.locator(sel.thread, { hasText: BODY })
    await thread.waitFor()
    commentId = (await thread.getAttribute('data-comment-id'))!
    expect(commentId).toMatch(/^EG-\d{3}$/)
    for (const page of [delegate, chair, member]) {
      await page.locator(sel.highlight(commentId)).first().waitFor()
      expect(await highlighted(page, commentId)).toBe(WORDS)
    }
    // The highlight lies on the statement's line, and says what it is to a screen reader.
    const mark = await box(chair, sel.highlight(commentId))
    const line = await box(chair, `${sel.editor} ${sel.statement}`)
    expect(mark.x).toBeGreaterThanOrEqual(line.x)
    expect(mark.x + mark.width).toBeLessThanOrEqual(line.x + line.width + 1)
    expect(await chair.locator(sel.highlight(commentId)).first().evaluate((el) => el.tagName)).toBe('MARK')
    expect(await chair.locator(sel.highlight(commentId)).first().getAttribute('title')).toContain(commentId)
    const chairThread = chair.locator(sel.threadById(commentId))
    expect(await chairThread.locator(sel.commentLocator).textContent()).toBe(ar('place.recommendation', { number: 1 }))
    expect(await chairThread.locator(sel.commentType).textContent()).toBe(ar('commentType.editorial'))
    await expect.poll(() => chair.locator(sel.commentAnnouncer).textContent()).toContain(commentId)
    expect(await chair.locator(sel.commentAnnouncer).textContent()).toContain('Layla Hassan')
  })

  it('the keyboard goes from the highlighted words to their comment (Alt+Enter)', async () => {
    await chair.locator(sel.editor).focus()
    await selectText(chair.locator(`${sel.editor} ${sel.statement}`), WORDS)
    await chair.keyboard.press('Alt+Enter')
    await expect.poll(() => chair.evaluate(() => document.activeElement?.getAttribute('data-comment-id'))).toBe(commentId)
  })

  it('a collaborator’s caret shows in the Arabic line as they type in it', async () => {
    const paragraphSelector = `${sel.editor} p:has-text("${PURPOSE.slice(0, 10)}")`
    await member.locator(paragraphSelector).click()
    await member.keyboard.press('End')
    await member.keyboard.type(' وتنفيذها')
    await expect.poll(() => textWithoutCarets(chair.locator(paragraphSelector))).toBe(`${PURPOSE} وتنفيذها`)
    const caret = chair.locator(`${paragraphSelector} .collaboration-carets__caret`)
    await caret.waitFor()
    const at = (await caret.boundingBox())!
    const line = await box(chair, paragraphSelector)
    expect(at.x).toBeGreaterThanOrEqual(line.x - 2)
    expect(at.x).toBeLessThanOrEqual(line.x + line.width + 2)
  })

  it('a suggestion typed over Arabic words is drawn struck and inserted, and posts as a comment', async () => {
    await delegate.click(sel.suggestToggle)
    const action = delegate.locator(`${sel.editor} li:has-text("${ACTION.slice(0, 10)}")`)
    await selectText(action, STRUCK)
    await delegate.keyboard.type(TYPED)
    await expect.poll(() => delegate.locator(sel.pendingDel).textContent()).toBe(STRUCK)
    expect(await delegate.locator(sel.pendingIns).textContent()).toBe(TYPED)
    expect(await delegate.locator(sel.suggestionBar).textContent()).toContain(ar('suggesting.on'))
    await delegate.click(sel.postSuggestion)
    expect(await delegate.locator(sel.composerProposal).inputValue()).toBe(TYPED)
    await delegate.click(sel.composerSubmit)
    const proposal = chair.locator(`${sel.editor} ins.proposal-ins`, { hasText: TYPED })
    await proposal.waitFor()
    const id = await proposal.getAttribute('data-proposal-id')
    expect(await chair.locator(sel.proposalDel(id!)).textContent()).toBe(STRUCK)
  })

  it('the chair decides the comment in Arabic; the delegate is told in Arabic', async () => {
    const thread = chair.locator(sel.threadById(commentId))
    await thread.locator(sel.resolveButton).click()
    await chair.selectOption(sel.resolveDisposition, 'accepted-with-modification')
    await chair.fill(sel.resolveNote, 'تُعتمد الصيغة مع تعديل طفيف.')
    await chair.click(sel.resolveSubmit)
    await expect.poll(() => thread.locator(sel.commentStatus).textContent()).toBe(ar('disposition.accepted-with-modification'))
    const notice = delegate.locator(sel.decisionNotice(commentId))
    await notice.waitFor()
    expect(await notice.textContent()).toContain(ar('notices.decided', { id: commentId, disposition: ar('disposition.accepted-with-modification') }))
    await expect.poll(() => member.locator(sel.commentAnnouncer).textContent()).toBe(
      ar('announce.decided', { id: commentId, disposition: ar('disposition.accepted-with-modification') }),
    )
  })
})
