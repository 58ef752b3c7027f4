import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { JSONContent } from '@tiptap/core'
import type { BrowserContext, Page } from 'playwright-core'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const ORIGIN = 'http://baseline.invalid'

let page: Promise<string> | null = null

/** The baseline page: the app's built CSS and the bundled baselines script (built once per run). */
function baselineHtml(): Promise<string> {
  page ??= (async () => {
    const assets = join(ROOT, 'dist', 'client', 'assets')
    const css = readdirSync(assets)
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n')
    const bundle = await build({
      entryPoints: [join(ROOT, 'test', 'bench', 'pages', 'baselines.ts')],
      bundle: true,
      format: 'iife',
      minify: true,
      write: false,
      define: { 'process.env.NODE_ENV': '"production"' },
    })
    const js = bundle.outputFiles[0]!.text
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body><div id="root"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`
  })()
  return page
}

/** Opens a new page in `context` with the draft `content` as a bare contenteditable or as plain TipTap. */
export async function openBaseline(context: BrowserContext, kind: 'bare' | 'tiptap', content: JSONContent): Promise<Page> {
  const html = await baselineHtml()
  const p = await context.newPage()
  await p.route(`${ORIGIN}/**`, (route) => route.fulfill({ body: html, contentType: 'text/html' }))
  await p.goto(`${ORIGIN}/`)
  await p.evaluate(
    ({ kind, content }) => {
      const w = window as unknown as Record<string, (json: unknown) => void>
      w[kind === 'bare' ? 'mountBare' : 'mountTiptap']!(content)
    },
    { kind, content },
  )
  return p
}
