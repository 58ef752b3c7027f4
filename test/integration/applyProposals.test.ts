import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveAnchor } from '../../shared/draft/anchors'
import type { ErrorCode } from '../../shared/errors'
import { AccordError } from '../../shared/errors'
import type { Comment, Participant } from '../../shared/types'
import { demoDraftContent } from '../../server/demo/demoDraft'
import { DraftView } from '../../server/comments/placement'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, type TestServer } from '../helpers/testServer'

/**
 * Applying proposals never loses another comment's applied wording (issue 11: NO-001 applied, then the
 * overlapping MX-001 replaced Norway's new words too and NO-001 became "text removed"). Overlapping and
 * nested proposals are applied in every order, confirming outdated ones: every proposal that was applied
 * still reads as it was put in, and the ones refused were refused for a reason that says why.
 */

const SENTENCE = 'Offices should move their core procedures to end-to-end electronic processing, from filing to publication and renewal.'
const PROPOSALS = [
  { org: 'NO', quote: 'end-to-end electronic processing', proposal: 'fully digital handling' },
  { org: 'MX', quote: 'electronic processing, from filing to publication', proposal: 'digital processing from filing to grant' },
  { org: 'DE', quote: 'electronic', proposal: 'digital' },
  { org: 'AU', quote: 'core procedures to end-to-end electronic processing, from filing', proposal: 'main procedures to paperless work, from filing' },
] as const
/** Why an apply may be refused here: the words include another's applied wording, or are gone. */
const EXPECTED_REFUSALS: readonly ErrorCode[] = ['apply.containsApplied', 'comment.textRemoved']

let server: TestServer
let chair: Participant
const authors = new Map<string, Participant>()

beforeAll(async () => {
  server = await startTestServer({ memory: true })
  const token = await server.token('chair', 'Apply Chair', 'WIPO')
  chair = (await server.participants.authenticate(token, ['token']))!.participant
  for (const { org } of PROPOSALS) authors.set(org, await server.participants.create({ name: `Delegate ${org}`, org, role: 'commenter' }))
})
afterAll(async () => {
  await server?.stop()
})

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

async function draftWithProposals(): Promise<{ documentId: string; comments: Comment[] }> {
  const documentId = (await server.documents.createWithContent('Apply order', demoDraftContent(), chair.id)).id
  const comments: Comment[] = []
  for (const p of PROPOSALS) {
    const c = await server.comments.create(documentId, authors.get(p.org)!, {
      type: 'editorial',
      body: `Proposal of ${p.org}`,
      proposedChange: p.proposal,
      anchor: { quote: p.quote, within: 'Recommendation 1' },
    })
    comments.push(c)
  }
  return { documentId, comments }
}

/** What an applied comment's words read now on the server (null when its applied words are gone). */
function appliedWordsNow(documentId: string, c: Comment): string | null {
  const doc = server.drafts.peek(documentId)!.doc
  const view = new DraftView(doc)
  const range = c.applied?.anchor ? resolveAnchor(view.index, doc, c.applied.anchor) : null
  return range ? view.textBetween(range) : null
}

describe('applying overlapping and nested proposals', () => {
  const orders = permutations(PROPOSALS.map((_, i) => i))

  it(`keeps every applied wording, in all ${orders.length} orders`, async () => {
    const summary: string[] = []
    for (const order of orders) {
      const { documentId, comments } = await draftWithProposals()
      const room = await server.drafts.acquire(documentId)
      try {
        const applied: Comment[] = []
        const outcome: string[] = []
        for (const i of order) {
          try {
            applied.push(await server.proposals.apply(documentId, comments[i]!.id, chair, { confirm: true }))
            outcome.push(`${PROPOSALS[i]!.org}✓`)
          } catch (err) {
            if (!(err instanceof AccordError)) throw err
            expect(EXPECTED_REFUSALS, `${PROPOSALS[i]!.org} refused with ${err.code}`).toContain(err.code)
            outcome.push(`${PROPOSALS[i]!.org}✗`)
          }
          // After every step, every proposal applied so far still reads as it was put in.
          for (const a of applied) expect(appliedWordsNow(documentId, a), `${a.id} after ${outcome.join(' ')}`).toBe(a.applied!.after)
        }
        expect(applied.length, `at least the first proposal applies (${outcome.join(' ')})`).toBeGreaterThan(0)
        summary.push(outcome.join(' '))
      } finally {
        server.drafts.release(room!)
      }
    }
    console.log(`apply orders: ${summary.length}; e.g. ${summary.slice(0, 6).join(' | ')}`)
  })

  it('re-anchors an overlapping comment to what is left of its own words, and marks it outdated', async () => {
    const { documentId, comments } = await draftWithProposals()
    const [no, mx] = comments
    await server.proposals.apply(documentId, no!.id, chair, {})
    const after = await server.comments.get(documentId, mx!.id, chair)
    expect(after.outdated).toBe(true)
    const doc = server.drafts.peek(documentId) ?? (await server.drafts.acquire(documentId))!
    const view = new DraftView(doc.doc)
    expect(view.wordsOf(after)).toBe(', from filing to publication')
  })
})

describe('the REST apply', () => {
  it('answers 409 for an outdated proposal unless confirmed, saying what would be replaced', async () => {
    const { documentId, comments } = await draftWithProposals()
    const token = await server.token('editor', 'Apply Editor', 'WIPO')
    const post = (id: string, body: unknown) =>
      rawRequest(server.url, `/api/documents/${documentId}/comments/${id}/apply`, { method: 'POST', token, body })
    expect((await post(comments[0]!.id, {})).status).toBe(200)
    const refused = await post(comments[1]!.id, {})
    expect(refused.status).toBe(409)
    expect(refused.json).toMatchObject({ code: 'comment.outdated', params: { now: ', from filing to publication', base: PROPOSALS[1].quote } })
    const confirmed = await post(comments[1]!.id, { confirm: true })
    expect(confirmed.status).toBe(200)
    expect((confirmed.json as Comment).applied).toMatchObject({ before: ', from filing to publication', after: PROPOSALS[1].proposal })
  })

  it('records the words before and after, and Revert puts the old words back while the applied ones are unchanged', async () => {
    const { documentId, comments } = await draftWithProposals()
    const de = comments[2]!
    const applied = await server.proposals.apply(documentId, de.id, chair, {})
    expect(applied.applied).toMatchObject({ before: 'electronic', after: 'digital' })
    expect(applied.history.at(-1)!.action).toBe('applied')
    const reverted = await server.proposals.revert(documentId, de.id, chair, {})
    expect(reverted.applied).toBeUndefined()
    expect(reverted.history.at(-1)!.action).toBe('reverted')
    expect(await server.drafts.use(documentId, (doc) => doc.getXmlFragment('content').toString())).toContain(SENTENCE)
    await expect(server.proposals.revert(documentId, de.id, chair, {})).rejects.toMatchObject({ code: 'revert.notApplied' })
  })

  it('does not double punctuation at the edge of the words ("signatures,,")', async () => {
    const documentId = (await server.documents.createWithContent('Commas', demoDraftContent(), chair.id)).id
    const c = await server.comments.create(documentId, authors.get('NO')!, {
      type: 'editorial',
      body: 'Say digital.',
      proposedChange: 'digital processing,',
      anchor: { quote: 'electronic processing' },
    })
    const applied = await server.proposals.apply(documentId, c.id, chair, {})
    expect(applied.applied!.after).toBe('digital processing')
    expect(await server.drafts.use(documentId, (doc) => doc.getXmlFragment('content').toString())).toContain('end-to-end digital processing, from filing')
  })
})
