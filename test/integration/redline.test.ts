import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Comment, Version } from '../../shared/types'
import type { RedlineAnswer } from '../../server/versions/RedlineService'
import { CONTENT_FIELD } from '../../shared/protocol'
import { NODE } from '../../shared/schema/names'
import { commentApi } from '../helpers/commentApi'
import { statementOf } from '../helpers/draftDoc'
import { docxPart } from '../helpers/officeFiles'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced, type YClient } from '../helpers/yClient'

/**
 * The redline between two versions (issue 12), from edits made by three stock y-websocket clients:
 * every insertion is credited to the participant (and Member State) whose connection sent it, a moved
 * recommendation is reported as moved, and a restore brings the old text back as a forward edit.
 */

let server: TestServer
let draftId: string
const clients: YClient[] = []
const people = {
  ana: { role: 'editor', name: 'Ana Silva', org: 'MZ' },
  lars: { role: 'editor', name: 'Lars Berg', org: 'NO' },
  claire: { role: 'chair', name: 'Claire Chair', org: 'WIPO' },
} as const
const tokens: Record<keyof typeof people, string> = { ana: '', lars: '', claire: '' }

beforeAll(async () => {
  server = await startTestServer()
  for (const [key, p] of Object.entries(people)) tokens[key as keyof typeof people] = await server.token(p.role, p.name, p.org)
  draftId = await server.openDraft('Redline draft')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
})

const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
  rawRequest(server.url, `/api/documents/${draftId}${path}`, { token: tokens.claire, ...init })

async function join(who: keyof typeof people): Promise<YClient> {
  const c = connectClient(server.url, draftId, tokens[who])
  clients.push(c)
  await waitSynced(c)
  return c
}

const serverText = () => draftText(server.drafts.peek(draftId)!.doc)

async function version(label: string): Promise<Version> {
  const made = await api('/versions', { method: 'POST', body: { label } })
  expect(made.status).toBe(201)
  return made.json as Version
}

/** Moves recommendation `from` (1-based) to the top of the draft, as cut and paste does: delete, insert a copy. */
function moveRecommendationToTop(doc: Y.Doc, from: number): void {
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  const blocks = fragment.toArray()
  const recommendations = blocks.filter((b) => b instanceof Y.XmlElement && b.nodeName === NODE.recommendation) as Y.XmlElement[]
  const moving = recommendations[from - 1]!
  const firstRecommendation = blocks.indexOf(recommendations[0]!)
  doc.transact(() => {
    const copy = moving.clone()
    fragment.delete(blocks.indexOf(moving), 1)
    fragment.insert(firstRecommendation, [copy])
  })
}

describe('the redline of edits by three stock clients', () => {
  let before: Version
  let after: Version
  let kept: Comment

  it('credits each insertion to the participant and Member State that typed it, and reports a move', async () => {
    const delegate = commentApi(server.url, await server.token('commenter', 'Kari Nordmann', 'NO'))
    kept = await delegate.comment(draftId, { type: 'editorial', body: 'Say when.', anchor: { quote: 'reviewed at regular intervals' } })
    before = await version('Sent for comment')

    const [ana, lars, claire] = [await join('ana'), await join('lars'), await join('claire')]
    statementOf(ana.doc, 1).insert(0, 'Ana proposes that ')
    const second = statementOf(lars.doc, 2)
    second.insert(second.length, ' Lars adds this sentence.')
    const third = statementOf(claire.doc, 3)
    const gone = third.toString().split(' ').slice(0, 2).join(' ')
    third.delete(0, gone.length)
    await waitFor(() => serverText().includes('Ana proposes that ') && serverText().includes('Lars adds this sentence.'), 'the server has every edit')
    moveRecommendationToTop(claire.doc, 4)
    await waitFor(() => draftText(ana.doc) === draftText(claire.doc) && serverText() === draftText(claire.doc), 'everyone has the move')
    after = await version('Revised after comments')

    const answer = (await api(`/redline?from=${before.id}&to=${after.id}&format=json`)).json as RedlineAnswer
    expect(answer.from).toMatchObject({ id: before.id, label: 'Sent for comment' })
    expect(answer.to).toMatchObject({ id: after.id, label: 'Revised after comments' })
    const inserts = answer.blocks.flatMap((b) => b.changes.filter((c) => c.type === 'insert'))
    const insertOf = (text: string) => inserts.find((c) => c.text.includes(text))
    expect(insertOf('Ana proposes that')?.author).toEqual({ name: 'Ana Silva', org: 'MZ' })
    expect(insertOf('Lars adds this sentence.')?.author).toEqual({ name: 'Lars Berg', org: 'NO' })
    const deletes = answer.blocks.flatMap((b) => b.changes.filter((c) => c.type === 'delete'))
    expect(deletes.some((c) => c.text.includes(gone))).toBe(true)

    const moved = answer.blocks.find((b) => b.status === 'moved')
    expect(moved).toMatchObject({ kind: 'recommendation', number: 1, fromNumber: 4 })
    expect(answer.counts.movedBlocks).toBe(1)
    expect(answer.counts.inserted).toBe(3 + 4) // "Ana proposes that" + "Lars adds this sentence."
    expect(answer.counts.deleted).toBe(2)
    // Renumbering alone is not an edit: recommendations 1 to 3 moved down by one, unchanged otherwise.
    const renumbered = answer.blocks.filter((b) => b.kind === 'recommendation' && b.fromNumber !== undefined && b.status !== 'moved')
    expect(renumbered.length).toBeGreaterThan(0)
    expect(renumbered.every((b) => b.number === b.fromNumber! + 1)).toBe(true)
  })

  it('answers in HTML with <ins> and <del>, and in Word with tracked changes by the people who typed', async () => {
    const html = await api(`/redline?from=${before.id}&to=${after.id}&format=html`)
    expect(html.status).toBe(200)
    expect(html.text).toMatch(/<ins[^>]*>[^<]*Ana proposes that/)
    expect(html.text).toMatch(/<del[^>]*>/)
    const docx = await fetch(`${server.url}/api/documents/${draftId}/redline?from=${before.id}&to=${after.id}&format=docx`, {
      headers: { authorization: `Bearer ${tokens.claire}` },
    })
    expect(docx.status).toBe(200)
    const xml = await docxPart(new Uint8Array(await docx.arrayBuffer()))
    expect(xml).toMatch(/<w:ins [^>]*w:author="Ana Silva \(MZ\)"/)
    expect(xml).toMatch(/<w:ins [^>]*w:author="Lars Berg \(NO\)"/)
  })

  it('compares a version with the live draft, and refuses "live" as the earlier state', async () => {
    const live = (await api(`/redline?from=${after.id}&to=live`)).json as RedlineAnswer
    expect(live.to.id).toBe('live')
    expect(live.counts).toEqual({ inserted: 0, deleted: 0, movedBlocks: 0 })
    const refused = await api(`/redline?from=live&to=${after.id}`)
    expect(refused.status).toBe(400)
    expect((await api(`/redline?from=no-such&to=live`)).status).toBe(404)
  })

  it('restores the earlier version as a forward edit that every window receives, and keeps the comments', async () => {
    const ana = await join('ana')
    const restored = await api(`/versions/${before.id}/restore`, { method: 'POST' })
    expect(restored.status).toBe(200)
    await waitFor(() => !draftText(ana.doc).includes('Ana proposes that'), 'the open window has the restored text')
    const back = (await api(`/redline?from=${before.id}&to=live`)).json as RedlineAnswer
    expect(back.counts).toEqual({ inserted: 0, deleted: 0, movedBlocks: 0 })
    const comments = (await api('/comments')).json as Comment[]
    expect(comments.find((c) => c.id === kept.id)).toMatchObject({ anchorState: 'anchored', quote: 'reviewed at regular intervals' })
    // The versions in between are untouched: the revised text is still there to compare with.
    const revised = (await api(`/redline?from=${before.id}&to=${after.id}`)).json as RedlineAnswer
    expect(revised.counts.movedBlocks).toBe(1)
  })
})
