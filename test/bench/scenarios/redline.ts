import * as Y from 'yjs'
import { CONTENT_FIELD } from '../../../shared/protocol'
import { NODE } from '../../../shared/schema/names'
import { type BenchResult, atMost, info, onCurve, requiring } from '../lib/results'
import { grownDemoState } from '../lib/drafts'
import { startAccord } from '../lib/servers'
import { sleep } from '../lib/stats'
import { timedGet } from '../lib/timedGet'
import { BenchWorkspace } from '../lib/workspace'
import { connectClient, within } from '../lib/yNode'
import type { ScenarioOptions } from './types'
import { seededRandom } from '../../helpers/random'

const PAGES = 200
const EDITS = 500
const MARKER = 'End of the bench edits.'

function textsOf(node: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out.push(child)
    else if (child instanceof Y.XmlElement) textsOf(child, out)
  }
  return out
}

/**
 * 500 edits scattered over the draft, as a session of Task Force members makes them: words typed into
 * and deleted from random paragraphs, and every 50th edit a recommendation moved up by some places.
 */
function scatterEdits(doc: Y.Doc, count: number): void {
  const random = seededRandom(12).next
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      if (i % 50 === 49) {
        const blocks = fragment.toArray()
        const at = blocks.findIndex((b, j) => j > 10 + Math.floor(random() * (blocks.length - 20)) && b instanceof Y.XmlElement && b.nodeName === NODE.recommendation)
        const moving = blocks[at] as Y.XmlElement
        const copy = moving.clone()
        fragment.delete(at, 1)
        fragment.insert(at - 3, [copy])
        return
      }
      const texts = textsOf(fragment)
      const text = texts[Math.floor(random() * texts.length)]!
      const words = text.toString().split(' ')
      const w = Math.floor(random() * words.length)
      const offset = words.slice(0, w).join(' ').length
      if (random() < 0.5 && words.length > 4) text.delete(offset, words[w]!.length + (w < words.length - 1 ? 1 : 0))
      else text.insert(offset, `edit${i} `)
    })
  }
  textsOf(fragment).at(-1)!.insert(0, `${MARKER} `)
}

interface RedlineRun {
  pages: number
  edits: number
  json: { ms: number; body: Buffer }
  docx: { ms: number; body: Buffer }
  md: { ms: number }
  word: { ms: number }
  counts: { inserted: number; deleted: number; movedBlocks: number }
}

/** A draft of `pages` pages, a version, `edits` scattered edits from a stock client, a second version; the redline between them timed. */
async function redlineAt(pages: number, edits: number, runs: number): Promise<RedlineRun> {
  const ws = await BenchWorkspace.create()
  const chair = await ws.person('chair', 'WIPO', 'Claire Chair')
  const draftId = await ws.draft(`${pages} pages`, grownDemoState(pages))
  await ws.close()
  const server = await startAccord(ws.dataDir, { rateLimit: false })
  const api = `${server.httpUrl}/api/documents/${draftId}`
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api}${path}`, { method: 'POST', headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as { id: string }
  }
  try {
    const before = await post('/versions', { label: 'Sent for comment' })
    const client = connectClient({ wsUrl: server.wsUrl, room: draftId, token: chair.token })
    try {
      await within(client.synced, 30_000, 'the editing client syncs')
      scatterEdits(client.doc, edits)
      // Updates arrive in order on one socket: once the marker is there, every edit is.
      for (let i = 0; ; i++) {
        const md = await (await fetch(`${api}/export?format=md`, { headers: { authorization: `Bearer ${chair.token}` } })).text()
        if (md.includes(MARKER)) break
        if (i > 300) throw new Error('the server did not receive the edits within a minute')
        await sleep(200)
      }
    } finally {
      client.destroy()
    }
    const after = await post('/versions', { label: 'Revised' })
    const redlineUrl = (format: string) => `${api}/redline?from=${before.id}&to=${after.id}&format=${format}`
    const json = await timedGet(redlineUrl('json'), chair.token, runs)
    const docx = await timedGet(redlineUrl('docx'), chair.token, runs)
    const md = await timedGet(`${api}/versions/${after.id}/export?format=md`, chair.token, runs)
    const word = await timedGet(`${api}/versions/${after.id}/export?format=docx`, chair.token, runs)
    const counts = (JSON.parse(json.body.toString('utf8')) as { counts: RedlineRun['counts'] }).counts
    return { pages, edits, json, docx, md, word, counts }
  } finally {
    await server.stop()
    ws.remove()
  }
}

/** Edits per page of the draft: 500 on 200 pages, as the issue-6 target measures. */
const EDITS_PER_PAGE = EDITS / PAGES
const CURVE = 'Redline (json) between two versions'

/**
 * 7. redline: the 200-page draft against a version of it with 500 scattered edits, over HTTP from the
 * real server, in json (target under 1 s) and in Word with tracked changes. Baselines in the same run:
 * the same version exported as Markdown (reading and walking it) and as Word (laying it out). The cost
 * curve (issue 18): the same at 5 and 50 pages, with as many edits per page.
 */
export async function redline({ quick }: ScenarioOptions): Promise<BenchResult[]> {
  const runs = quick ? 3 : 7
  const curve: BenchResult[] = []
  for (const pages of [5, 50]) {
    const r = await redlineAt(pages, Math.round(pages * EDITS_PER_PAGE), runs)
    curve.push(
      onCurve(info(`redline curve: ${pages} pages, ${r.edits} edits, json`, r.json.ms, 'ms', r.md.ms, `baseline: the version exported as Markdown; median of ${runs}`), CURVE, 'redline', pages),
      onCurve(info(`redline curve: ${pages} pages, Markdown export`, r.md.ms, 'ms'), CURVE, 'Markdown export (baseline)', pages),
    )
  }
  const r = await redlineAt(PAGES, EDITS, runs)
  const { counts } = r
  const shape = `${counts.inserted} words inserted, ${counts.deleted} deleted, ${counts.movedBlocks} recommendations moved; median of ${runs}`
  const complete = counts.inserted >= EDITS / 3 && counts.deleted >= EDITS / 4 && counts.movedBlocks >= EDITS / 50 / 2
  return [
    onCurve(
      requiring(
        atMost(`redline: ${PAGES} pages, ${EDITS} edits, json`, r.json.ms, 'ms', 1000, '≤ 1000 ms', r.md.ms, `baseline: the version exported as Markdown; ${shape}; ${(r.json.body.length / 1e6).toFixed(1)} MB`),
        complete,
        'the redline did not find the edits made',
      ),
      CURVE,
      'redline',
      PAGES,
    ),
    info(`redline: ${PAGES} pages, ${EDITS} edits, docx`, r.docx.ms, 'ms', r.word.ms, `baseline: the version exported as Word without changes; ${(r.docx.body.length / 1e6).toFixed(1)} MB`),
    onCurve(info(`redline curve: ${PAGES} pages, Markdown export`, r.md.ms, 'ms'), CURVE, 'Markdown export (baseline)', PAGES),
    ...curve,
  ]
}
