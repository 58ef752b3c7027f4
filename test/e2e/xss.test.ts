import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../shared/protocol'
import { MARK, NODE } from '../../shared/schema/names'
import { newPersonContext } from '../helpers/browser'
import { signedInPage } from '../helpers/browserSession'
import { commentApi } from '../helpers/commentApi'
import { sel } from '../helpers/selectors'
import { connectClient, waitSynced, type YClient } from '../helpers/yClient'
import { browserSuiteForThisFile } from '../helpers/browserSuite'

const { server, browser } = browserSuiteForThisFile()

/**
 * A8: hostile markup through every way text reaches a browser (comment bodies, proposals, replies and
 * resolution notes; participant names; a draft title; pasted HTML; raw Yjs content written by an editor's
 * stock client straight into the Y.XmlFragment; the HTML export) executes nothing, and every link rendered
 * points to http, https or mailto only. The pages run with their Content-Security-Policy switched off, so
 * what is tested is the app's own escaping and sanitizing, not the CSP behind it.
 */

/** Every payload calls this; the trap records the call instead of running anything else. */
const hit = (label: string) => `window.__xss&&window.__xss('${label}')`
const markup = (label: string) =>
  `<img src=x onerror="${hit(`${label}-img`)}"><script>${hit(`${label}-script`)}</script>` +
  `<a href="javascript:${hit(`${label}-link`)}">${label} link</a><iframe src="javascript:${hit(`${label}-iframe`)}"></iframe>` +
  `<svg onload="${hit(`${label}-svg`)}"></svg><b onmouseover="${hit(`${label}-attr`)}">${label} bold</b>`

const HOSTILE_HREFS = [
  `javascript:${hit('yjs-href')}`,
  ` JaVaScRiPt:${hit('yjs-href-case')}`,
  `java\tscript:${hit('yjs-href-tab')}`,
  `data:text/html,<script>${hit('yjs-href-data')}</script>`,
  `vbscript:${hit('yjs-href-vb')}`,
  `//evil.example/${hit('yjs-href-relative')}`,
]
const SAFE_HREFS = ['https://www.wipo.int/standards/', 'mailto:cws@example.org']

let editorToken: string
const stock: YClient[] = []

beforeAll(async () => {
  editorToken = await server().token('editor', `<img src=x onerror="${hit('token-name')}">`, 'NO')
})

afterAll(async () => {
  for (const c of stock) c.destroy()
})

interface Trap {
  dialogs: string[]
}

/** Installs the trap before any app script runs, and counts dialogs (alert, confirm, prompt). */
async function trapped(page: Page, trap: Trap): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: (label: string) => void; __xssHits: string[] }
    w.__xssHits = []
    w.__xss = (label: string) => void w.__xssHits.push(label)
  })
  page.on('dialog', (d) => {
    trap.dialogs.push(d.message())
    void d.dismiss()
  })
}

/** Labels of the payloads that ran on this page (the trap is missing only if the page replaced `window`). */
function hitsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __xssHits?: string[] }).__xssHits ?? ['trap missing'])
}

/** What the DOM holds that could run or lead somewhere: elements that run code, on* attributes, and link targets. */
function scanDom(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById('root') ?? document.body
    const active = [...root.querySelectorAll('script, iframe, object, embed, frame, svg[onload], base')].map((e) => e.outerHTML.slice(0, 80))
    const handlers: string[] = []
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (attr.toLowerCase().startsWith('on')) handlers.push(`${el.tagName}[${attr}]`)
    }
    const hrefs = [...root.querySelectorAll('a[href], area[href]')].map((a) => (a as HTMLAnchorElement).href)
    return { active, handlers, hrefs }
  })
}

/** Links that go anywhere but http, https or mailto, or that still carry a payload. */
const unsafeHrefs = (hrefs: string[]) =>
  hrefs.filter((h) => !['http:', 'https:', 'mailto:'].includes(new URL(h).protocol) || h.includes('__xss'))

describe('A8: cross-site scripting in Chromium', () => {
  it('comment bodies, names, a title, pasted HTML and raw Yjs content execute nothing; links are http, https or mailto only', async () => {
    const id = server().demoId
    // A commenter and a chair whose names are markup; comments, proposals, replies and notes that are markup.
    const delegateToken = await server().token('commenter', `<img src=x onerror="${hit('name')}">`, 'NO')
    const chairToken = await server().token('chair', `<script>${hit('chair-name')}</script>`, 'WIPO')
    const delegate = commentApi(server().url, delegateToken)
    const comment = await delegate.comment(id, { type: 'technical', body: markup('comment'), proposedChange: markup('proposal') })
    await delegate.post(`/documents/${id}/comments/${comment.id}/replies`, { body: markup('reply') })
    await commentApi(server().url, chairToken).resolve(id, comment.id, 'noted', markup('note'))
    await delegate.comment(id, { type: 'general', body: markup('open-comment') })
    const retitled = await fetch(`${server().url}/api/documents/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `<img src=x onerror="${hit('title')}">Draft` }),
    })
    expect(retitled.status).toBe(200)

    // Raw Yjs content from an editor's stock client: links to hostile targets in text attributes, elements
    // named img, iframe and script, and off-schema attributes on real elements.
    const raw = connectClient(server().url, id, editorToken)
    stock.push(raw)
    await waitSynced(raw)
    raw.doc.transact(() => {
      const fragment = raw.doc.getXmlFragment(CONTENT_FIELD)
      const p = new Y.XmlElement(NODE.paragraph)
      p.setAttribute('onclick', hit('yjs-attr-onclick'))
      p.setAttribute('style', `background:url("javascript:${hit('yjs-attr-style')}")`)
      const img = new Y.XmlElement('img')
      img.setAttribute('src', 'x')
      img.setAttribute('onerror', hit('yjs-img'))
      const iframe = new Y.XmlElement('iframe')
      iframe.setAttribute('src', `javascript:${hit('yjs-iframe')}`)
      const script = new Y.XmlElement('script')
      script.insert(0, [new Y.XmlText(hit('yjs-script'))])
      const rec = new Y.XmlElement(NODE.recommendation)
      rec.setAttribute('onmouseover', hit('yjs-recommendation-attr'))
      const statement = new Y.XmlElement(NODE.statement)
      statement.insert(0, [new Y.XmlText('Raw recommendation with an off-schema attribute.')])
      rec.insert(0, [statement])
      fragment.insert(0, [p, img, iframe, script, rec])
      // Text goes in once its paragraph is in the document (Yjs cannot read a type's length before that).
      const linked = new Y.XmlText()
      p.insert(0, [linked])
      for (const [i, href] of [...HOSTILE_HREFS, ...SAFE_HREFS].entries()) linked.insert(linked.length, `raw link ${i} `, { [MARK.link]: { href } })
    })

    const trap: Trap = { dialogs: [] }
    const options = { bypassCSP: true, beforeLoad: (page: Page) => trapped(page, trap) }
    const editor = await signedInPage(browser(), server(), { name: `"><svg onload="${hit('editor-name')}">`, org: 'MZ', role: 'editor' }, `/d/${id}`, options)
    const watcher = await signedInPage(browser(), server(), { name: 'Bjørn Berg', org: 'NO', role: 'editor' }, `/d/${id}`, options)
    await editor.getByText('raw link 6').first().waitFor()

    // Pasted HTML in the editor: goes through the schema's HTML parser, then to everyone through Yjs.
    await editor.locator(sel.recommendation).nth(1).locator(sel.statement).click()
    await editor.evaluate((html) => {
      const data = new DataTransfer()
      data.setData('text/html', html)
      data.setData('text/plain', 'pasted')
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, `<p>pasted ${markup('paste')}<a href="https://example.org/ok">pasted safe link</a></p>`)
    await watcher.getByText('pasted safe link').first().waitFor()
    await watcher.getByText('paste bold').first().waitFor()
    await editor.keyboard.type(' caret here')

    // The comment sidebar shows the markup as text.
    await watcher.locator(sel.thread).first().waitFor()
    await expect.poll(() => watcher.locator('[data-test=comment-body]').allTextContents()).toContain(markup('open-comment'))

    const dashboard = await signedInPage(browser(), server(), { name: 'Chair Person', org: 'WIPO', role: 'chair' }, `/d/${id}/dashboard`, options)
    await dashboard.locator(sel.dashboard).waitFor()
    await dashboard.locator(sel.commentRow).first().waitFor()
    const participants = await dashboard.context().newPage()
    await trapped(participants, trap)
    await participants.goto(`${server().url}/participants`)
    await participants.locator('[data-test=participants-table]').waitFor()
    await participants.getByText(`<img src=x onerror="${hit('name')}">`).first().waitFor()
    const drafts = await dashboard.context().newPage()
    await trapped(drafts, trap)
    await drafts.goto(`${server().url}/`)
    await drafts.locator(sel.draftLink).first().waitFor()

    // The HTML export of the same draft, opened as a page.
    const exported = await (await fetch(`${server().url}/api/documents/${id}/export?format=html`, { headers: { authorization: `Bearer ${editorToken}` } })).text()
    const exportContext = await newPersonContext(browser(), { bypassCSP: true })
    const exportPage = await exportContext.newPage()
    await trapped(exportPage, trap)
    // Served at an address of its own, so the trap is installed before its document loads.
    await exportPage.route('http://export.test/draft.html', (route) => route.fulfill({ body: exported, contentType: 'text/html' }))
    await exportPage.goto('http://export.test/draft.html')

    // Hover and click what could carry a handler, then look.
    await watcher.getByText('paste bold').first().hover()
    await watcher.locator(sel.recommendation).first().hover()

    const pages = { editor, watcher, dashboard, participants, drafts, export: exportPage }
    const report: string[] = []
    const problems: string[] = []
    let safeLinks = 0
    for (const [name, page] of Object.entries(pages)) {
      const hits = await hitsOf(page)
      const dom = await scanDom(page)
      const bad = unsafeHrefs(dom.hrefs)
      safeLinks += dom.hrefs.filter((h) => SAFE_HREFS.includes(h)).length
      report.push(`${name}: ${dom.hrefs.length} links, ${bad.length} unsafe, ${dom.active.length} active elements, ${dom.handlers.length} handler attributes`)
      if (hits.length || dom.active.length || dom.handlers.length || bad.length) problems.push(JSON.stringify({ name, hits, ...dom, bad }))
    }
    const editorLinks = (await scanDom(editor)).hrefs.filter((h) => !h.startsWith(server().url))
    const serverTop = server().drafts.peek(id)!.doc.getXmlFragment(CONTENT_FIELD).toArray().slice(0, 6).map((n) => (n instanceof Y.XmlElement ? n.nodeName : 'text'))
    console.log(
      `A8 XSS: trap calls ${(await Promise.all(Object.values(pages).map(hitsOf))).flat().length}, ` +
        `dialogs ${trap.dialogs.length}; ${report.join('; ')}; links to the outside in the editor: ${JSON.stringify(editorLinks)}; the draft now starts with ${serverTop.join(', ')}`,
    )
    expect(problems).toEqual([])
    expect(trap.dialogs).toEqual([])
    // The sanitizer keeps good links: the https and mailto ones survive in the editor and the export.
    expect(editorLinks).toEqual(expect.arrayContaining(SAFE_HREFS))
    expect(safeLinks).toBeGreaterThanOrEqual(4)
  })
})
