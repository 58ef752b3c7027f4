import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { sel } from '../helpers/selectors'

/**
 * Issue 17 in Chromium: the chair replies to a delegate's comment and mentions her with the "@" completion;
 * the delegate's bell shows the count without a reload (and announces it), lists both entries, opens the
 * thread from one, marks the rest read; the delegate turns reply e-mails off; the chair's Participants
 * page says e-mail is off on this server.
 */

const { server, browser } = browserSuiteForThisFile()
let documentId: string
let chair: Page
let delegate: Page
let commentId: string

beforeAll(async () => {
  documentId = await server().openDraft('Draft with notifications')
  delegate = await signedInPage(browser(), server(), { name: 'Kari Nordmann', org: 'NO', role: 'commenter' }, `/d/${documentId}`)
  chair = await signedInPage(browser(), server(), { name: 'Claire Chair', org: 'WIPO', role: 'chair' }, `/d/${documentId}`)
  const kari = (await server().participants.list()).find((p) => p.name === 'Kari Nordmann')!
  commentId = (await server().comments.create(documentId, kari, { type: 'general', body: 'Who will answer this?' })).id
})

describe('the notification list in the header', () => {
  it('the chair replies and mentions the delegate, completing her name after "@"', async () => {
    const thread = chair.locator(sel.threadById(commentId))
    await thread.waitFor()
    await thread.locator(sel.replyButton).click()
    const box = thread.locator(sel.replyBody)
    await box.pressSequentially('Thanks @Kar')
    await chair.locator(sel.mentionOption, { hasText: 'Kari Nordmann' }).waitFor()
    await box.press('Enter')
    await box.pressSequentially('we will.')
    expect(await box.inputValue()).toBe('Thanks @Kari Nordmann we will.')
    await thread.locator(sel.replySubmit).click()
    await thread.locator(sel.commentReply, { hasText: 'Thanks @Kari Nordmann we will.' }).waitFor()
  })

  it('the delegate’s bell counts both without a reload, announces them, and lists them by keyboard', async () => {
    await expect.poll(() => delegate.locator(sel.notificationCount).textContent(), { timeout: 15_000 }).toBe('2')
    expect(await delegate.locator(sel.notificationBell).getAttribute('aria-label')).toBe('Notifications, 2 unread')
    expect(await delegate.locator(sel.notificationAnnouncement).textContent()).toMatch(/^New notification: Claire Chair \(WIPO\) (replied to|mentioned you in) NO-001 and 1 more$/)
    await delegate.locator(sel.notificationBell).focus()
    await delegate.keyboard.press('Enter')
    const items = delegate.locator(sel.notificationItem)
    await expect.poll(() => items.count()).toBe(2)
    expect((await items.allTextContents()).map((t) => t.replace(/Draft with.*$/, ''))).toEqual(
      expect.arrayContaining(['Claire Chair (WIPO) replied to NO-001', 'Claire Chair (WIPO) mentioned you in NO-001']),
    )
    await delegate.keyboard.press('Escape')
    expect(await delegate.locator(sel.notificationPanel).count()).toBe(0)
  })

  it('an entry opens its thread and is marked read; "mark all as read" clears the count', async () => {
    await delegate.goto(`${server().url}/`)
    await delegate.locator(sel.notificationBell).click()
    const reply = delegate.locator(sel.notificationItem).filter({ hasText: 'replied to' }).locator(sel.notificationLink)
    expect(await reply.getAttribute('href')).toBe(`/d/${documentId}?comment=${commentId}`)
    await reply.click()
    await delegate.waitForURL(`${server().url}/d/${documentId}?comment=${commentId}`)
    await delegate.locator(sel.threadById(commentId)).waitFor()
    await expect.poll(() => delegate.locator(sel.notificationCount).textContent()).toBe('1')
    await delegate.locator(sel.notificationBell).click()
    await delegate.locator(sel.notificationMarkAll).click()
    await expect.poll(() => delegate.locator(sel.notificationCount).count()).toBe(0)
    expect(await delegate.locator(sel.notificationBell).getAttribute('aria-label')).toBe('Notifications')
  })

  it('the delegate turns reply e-mails off in Settings; the choice stays', async () => {
    await delegate.goto(`${server().url}/settings`)
    await delegate.locator(sel.settingsForm).waitFor()
    expect(await delegate.locator(sel.preference('reply', 'immediately')).isChecked()).toBe(true)
    await delegate.locator(sel.preference('reply', 'off')).check()
    await delegate.locator(sel.settingsSave).click()
    await delegate.getByText('Saved.').waitFor()
    await delegate.reload()
    await delegate.locator(sel.settingsForm).waitFor()
    expect(await delegate.locator(sel.preference('reply', 'off')).isChecked()).toBe(true)
    // Chairs' kinds are not offered to a delegate.
    expect(await delegate.locator(sel.preference('newComment', 'digest')).count()).toBe(0)
  })

  it('the chair’s Participants page says e-mail is off on this server', async () => {
    await chair.goto(`${server().url}/participants`)
    await expect.poll(() => chair.locator(sel.mailStatus).textContent()).toContain('E-mail is off (no SMTP_URL)')
  })
})
