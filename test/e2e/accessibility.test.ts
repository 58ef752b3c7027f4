import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Language } from '../../shared/i18n/languages'
import type { Role } from '../../shared/types'
import { type AxeProblem, runAxe } from '../helpers/axe'
import { PHONE_VIEWPORT, newPersonContext } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { browserSuiteForThisFile } from '../helpers/browserSuite'
import { type CommentApi, commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'

const { server, browser } = browserSuiteForThisFile()

/**
 * WCAG 2.1 AA by axe-core (every default rule, none switched off) on every page of Accord, in English and
 * in Arabic (right to left): sign-in, drafts, the editor as each of the four roles (with the versions panel,
 * the notification list and a thread's forms open too), dashboard, participants, a version, the compare
 * view, the changes page and settings. Each page must have no violation, and at a phone's width (390 px)
 * must not scroll sideways. The test prints every page it checked and what it found.
 */
const LANGUAGES: Language[] = ['en', 'ar']
let documentId: string
let versionId: string
let generalId: string
let chairApi: CommentApi
const checked: string[] = []
const found: string[] = []

/** A page of the app: who opens it, where, what shows that it is ready, and what to open on it first. */
interface Visit {
  name: string
  role: Role | null
  path: () => string
  ready: string
  prepare?: (page: Page) => Promise<void>
}

const VISITS: Visit[] = [
  { name: 'sign-in', role: null, path: () => '/signin', ready: 'h2' },
  { name: 'drafts list', role: 'chair', path: () => '/', ready: sel.draftLink },
  { name: 'editor as chair', role: 'chair', path: () => `/d/${documentId}`, ready: sel.thread },
  {
    name: 'editor as chair, versions panel open',
    role: 'chair',
    path: () => `/d/${documentId}`,
    ready: sel.thread,
    prepare: async (page) => {
      await page.click(sel.versionsButton)
      await page.locator(sel.versionItem).first().waitFor()
    },
  },
  {
    name: 'editor as chair, deciding a comment',
    role: 'chair',
    path: () => `/d/${documentId}`,
    ready: sel.thread,
    prepare: async (page) => {
      await page.locator(sel.thread).first().locator(sel.resolveButton).click()
      await page.locator(sel.resolveDisposition).waitFor()
    },
  },
  { name: 'editor as editor', role: 'editor', path: () => `/d/${documentId}`, ready: sel.thread },
  { name: 'editor as commenter (focal point)', role: 'commenter', path: () => `/d/${documentId}`, ready: sel.thread },
  { name: 'editor as observer', role: 'observer', path: () => `/d/${documentId}`, ready: sel.thread },
  { name: 'dashboard', role: 'chair', path: () => `/d/${documentId}/dashboard`, ready: '.dashboard-page table' },
  { name: 'participants', role: 'chair', path: () => '/participants', ready: sel.participantRow },
  { name: 'version', role: 'editor', path: () => `/d/${documentId}/v/${versionId}`, ready: '[data-test=version-text]' },
  { name: 'compare view', role: 'editor', path: () => `/d/${documentId}/compare?from=${versionId}&to=live`, ready: '[data-test=compare-counts]' },
  { name: 'changes page', role: 'chair', path: () => `/d/${documentId}/changes?since=${versionId}`, ready: '[data-test=changes-table]' },
  { name: 'settings', role: 'commenter', path: () => '/settings', ready: sel.settingsForm },
  {
    name: 'settings, notification list open',
    role: 'commenter',
    path: () => '/settings',
    ready: sel.settingsForm,
    prepare: async (page) => {
      // Someone mentions the reader, so that the list has an unread entry.
      const me = (await page.evaluate(async () => (await (await fetch('/api/me')).json()) as { name: string })).name
      const reply = await chairApi.post(`/documents/${documentId}/comments/${generalId}/replies`, { body: `Thank you, @${me}, noted.` })
      expect(reply.status).toBe(201)
      await expect.poll(() => page.locator(sel.notificationCount).count()).toBe(1)
      await page.click(sel.notificationBell)
      await page.locator(sel.notificationItem).first().waitFor()
    },
  },
]

/** People by role and language, each signed in once in their own context (made with bypassCSP for axe). */
const people = new Map<string, Page>()
const NAMES: Record<Role, [string, string]> = {
  chair: ['Claire Chair', 'WIPO'],
  editor: ['Ana Silva', 'MZ'],
  commenter: ['Kari Nordmann', 'NO'],
  observer: ['Otto Observer', 'EPO'],
}

async function pageOf(role: Role | null, language: Language): Promise<Page> {
  const key = `${role}-${language}`
  const known = people.get(key)
  if (known) return known
  let page: Page
  if (role === null) {
    const context = await newPersonContext(browser(), { bypassCSP: true })
    await context.addInitScript((tag) => Object.defineProperty(navigator, 'languages', { get: () => [tag] }), language)
    page = await context.newPage()
  } else {
    const [name, org] = NAMES[role]
    const person = { name: `${name} ${language}`, org, role, language, focalPoint: role === 'commenter' }
    page = await signedInPage(browser(), server(), person, '/', { bypassCSP: true })
  }
  people.set(key, page)
  return page
}

/** How far the page reaches beyond the screen's edge at a phone's width (0 when it does not scroll sideways). */
async function sidewaysOnPhone(page: Page): Promise<number> {
  const desk = page.viewportSize()!
  await page.setViewportSize(PHONE_VIEWPORT)
  try {
    // Measured once the browser has laid the page out at the new width.
    return await page.evaluate(
      () => new Promise<number>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(document.documentElement.scrollWidth - window.innerWidth)))),
    )
  } finally {
    await page.setViewportSize(desk)
  }
}

const describeProblem = (p: AxeProblem) => `${p.rule} (${p.impact}): ${p.help} at ${p.where.join(' | ')}`

beforeAll(async () => {
  documentId = await server().openDraft('Recommendations on ICT strategy')
  const chairToken = await server().token('chair', 'Setup Chair', 'WIPO')
  chairApi = commentApi(server().url, chairToken)
  const no = commentApi(server().url, await server().token('commenter', 'Ola Nordmann', 'NO'))
  await no.comment(documentId, {
    type: 'editorial',
    body: 'Prefer a different adjective.',
    anchor: { quote: 'written ICT strategy' },
    proposedChange: 'documented ICT strategy',
  })
  const technical = await no.comment(documentId, { type: 'technical', body: 'Define end-to-end for renewals.', anchor: { quote: 'end-to-end electronic processing' } })
  generalId = (await no.comment(documentId, { type: 'general', body: 'Say how offices report their progress.' })).id
  await chairApi.resolve(documentId, technical.id, 'noted', 'To be discussed at the next session.')
  const chair = (await server().participants.list()).find((p) => p.name === 'Setup Chair')!
  versionId = (await server().versions.create(documentId, chair, { label: 'Sent for comment' })).id
})

afterAll(() => {
  console.log(`axe-core checked ${checked.length} pages (${VISITS.length} views × ${LANGUAGES.length} languages):\n${checked.join('\n')}`)
  if (found.length > 0) console.log(`violations:\n${found.join('\n')}`)
})

describe('accessibility of every page, in English and Arabic', () => {
  for (const language of LANGUAGES) {
    for (const visit of VISITS) {
      it(`${visit.name} (${language}): no axe-core violation, no sideways scrolling on a phone`, async () => {
        const page = await pageOf(visit.role, language)
        await page.goto(`${server().url}${visit.path()}`)
        await page.locator(visit.ready).first().waitFor()
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language)
        await visit.prepare?.(page)
        const { violations, passed } = await runAxe(page)
        const sideways = await sidewaysOnPhone(page)
        checked.push(`  ${language} ${visit.name} ${visit.path()}: ${violations.length} violations, ${passed} rules passed, ${sideways} px sideways at 390 px`)
        found.push(...violations.map((v) => `  ${language} ${visit.name}: ${describeProblem(v)}`))
        expect(violations.map(describeProblem)).toEqual([])
        expect(sideways).toBeLessThanOrEqual(0)
      })
    }
  }
})

/** What the keyboard reaches with Tab from the top of the page: each element, and whether its focus shows. */
async function tabThrough(page: Page, limit: number): Promise<{ reached: string[]; unseen: string[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  const reached: string[] = []
  const unseen: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const style = getComputedStyle(el)
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      const name = `${el.tagName.toLowerCase()}${el.dataset.test ? `[${el.dataset.test}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`
      return { name, shows: outlined || style.boxShadow !== 'none' }
    })
    if (!focus) break
    if (reached.at(-1) === focus.name) break
    reached.push(focus.name)
    if (!focus.shows) unseen.push(focus.name)
  }
  return { reached, unseen }
}

describe('the keyboard, in English and Arabic', () => {
  const PAGES = VISITS.filter((v) => !v.prepare && v.role !== null)
  for (const language of LANGUAGES) {
    for (const visit of PAGES) {
      it(`${visit.name} (${language}): Tab reaches the page's controls, and each shows its focus`, async () => {
        const page = await pageOf(visit.role, language)
        await page.goto(`${server().url}${visit.path()}`)
        await page.locator(visit.ready).first().waitFor()
        const { reached, unseen } = await tabThrough(page, 40)
        console.log(`keyboard ${language} ${visit.name}: ${reached.length} stops by Tab, ${unseen.length} without a visible focus`)
        // The first stop is the skip link; the header's controls follow.
        expect(reached[0]).toMatch(/^a/)
        expect(reached.length).toBeGreaterThan(4)
        expect(unseen).toEqual([])
      })
    }
  }
})
