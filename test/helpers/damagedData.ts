import { cpSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { commentApi } from './commentApi'
import { textAt } from './draftDoc'
import { npm } from './npmCli'
import { stockClientBarrier } from './rawSocket'
import type { serverProcessesClosedAfterEach } from './serverProcesses'
import { startTestServer, tempDataDir } from './testServer'
import { connectClient, draftText, waitSynced, readDraftText } from './yClient'

/**
 * F5's damaged data directories: a fixture whose every file has a last-good copy, the ways a file gets
 * damaged (corrupt, truncated, empty) for workspace.json, a draft snapshot, a comment snapshot and a comment
 * journal, and the check each case must pass.
 */

export interface Fixture {
  dir: string
  token: string
  documentId: string
  /** The title before the last workspace write (a rename): what workspace.json.bak holds. */
  titleBefore: string
  titleAfter: string
  text: string
  /** Comment ids in the comment snapshot, and those only in the journal after it. */
  snapshotComments: string[]
  journalComments: string[]
}

/** A data dir whose files all have a last-good copy: the draft's log was compacted once, so were its comments. */
async function buildFixture(): Promise<Fixture> {
  const dir = tempDataDir()
  const server = await startTestServer({ dataDir: dir, saveTiming: { debounceMs: 10, maxWaitMs: 50 } })
  const token = await server.token('editor')
  const delegate = await server.token('commenter', 'Kari Nordmann', 'NO')
  const documentId = server.demoId
  const c = connectClient(server.url, documentId, token)
  await waitSynced(c)
  // Over 64 KiB of edits: the log is folded into a new snapshot (the old one becomes .snapshot.bak) …
  for (let i = 0; i < 9; i++) {
    textAt(c.doc).insert(0, `[block ${i}] ${'lorem ipsum '.repeat(700)}`)
    await stockClientBarrier(c.provider, c.doc)
    await server.drafts.peek(documentId)!.flush()
  }
  // … and a few edits after it, in the new log.
  textAt(c.doc).insert(0, '[after compaction] ')
  await stockClientBarrier(c.provider, c.doc)
  const text = draftText(c.doc)
  c.destroy()
  // Over 256 KiB of comments: the journal is folded into a comment snapshot; five more go to the next journal.
  const api = commentApi(server.url, delegate)
  const all: string[] = []
  for (let i = 0; i < 30; i++) all.push((await api.comment(documentId, { type: 'general', body: `${i} ${'x'.repeat(9000)}` })).id)
  for (let i = 0; i < 5; i++) all.push((await api.comment(documentId, { type: 'technical', body: `after ${i}` })).id)
  const titleBefore = (await server.documents.get(documentId)).title
  const titleAfter = 'Renamed in the last workspace write'
  const res = await fetch(`${server.url}/api/documents/${documentId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: titleAfter }),
  })
  if (!res.ok) throw new Error(`rename failed: ${res.status}`)
  await server.close()
  const snapshotFile = JSON.parse(readFileSync(join(dir, 'comments', `${documentId}.json`), 'utf8')) as { comments: Array<{ id: string }> }
  const snapshotComments = snapshotFile.comments.map((c) => c.id)
  const journalComments = all.filter((id) => !snapshotComments.includes(id))
  if (journalComments.length === 0) throw new Error('the fixture has no comments after its comment snapshot')
  return { dir, token, documentId, titleBefore, titleAfter, text, snapshotComments, journalComments }
}

type Damage = 'corrupt' | 'truncated' | 'empty'

function damage(file: string, how: Damage): void {
  const bytes = readFileSync(file)
  if (how === 'empty') writeFileSync(file, '')
  else if (how === 'truncated') truncateSync(file, Math.floor(bytes.length / 2))
  else {
    // Zero 16 bytes in the middle, as a lost block would. (A change that still parses, say one letter inside a
    // JSON string, cannot be told from an edit: the JSON files carry no checksum, unlike the draft's records.)
    bytes.fill(0, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 16)
    writeFileSync(file, bytes)
  }
}

export interface DamageCase {
  file: (f: Fixture) => string
  how: Damage
  /** What the restarted server must show. */
  after: { title: 'before' | 'after'; comments: 'all' | 'snapshot' }
}

const workspace = () => 'workspace.json'
const snapshot = (f: Fixture) => `documents/${f.documentId}.snapshot`
const commentSnapshot = (f: Fixture) => `comments/${f.documentId}.json`
export const journal = (f: Fixture) => {
  const name = readdirSync(join(f.dir, 'comments')).find((n) => n.startsWith(`${f.documentId}.`) && /\.\d+\.jsonl$/.test(n))
  if (!name) throw new Error('no comment journal in the fixture')
  return `comments/${name}`
}

export const DAMAGE_CASES: Record<string, DamageCase> = {
  'workspace.json corrupt': { file: workspace, how: 'corrupt', after: { title: 'before', comments: 'all' } },
  'workspace.json truncated': { file: workspace, how: 'truncated', after: { title: 'before', comments: 'all' } },
  'workspace.json empty': { file: workspace, how: 'empty', after: { title: 'before', comments: 'all' } },
  'draft snapshot corrupt': { file: snapshot, how: 'corrupt', after: { title: 'after', comments: 'all' } },
  'draft snapshot truncated': { file: snapshot, how: 'truncated', after: { title: 'after', comments: 'all' } },
  'draft snapshot empty': { file: snapshot, how: 'empty', after: { title: 'after', comments: 'all' } },
  'comment snapshot corrupt': { file: commentSnapshot, how: 'corrupt', after: { title: 'after', comments: 'all' } },
  'comment snapshot truncated': { file: commentSnapshot, how: 'truncated', after: { title: 'after', comments: 'all' } },
  'comment snapshot empty': { file: commentSnapshot, how: 'empty', after: { title: 'after', comments: 'all' } },
  // A journal's damaged line loses that journal: what remains is the comment snapshot before it.
  'comment journal corrupt': { file: journal, how: 'corrupt', after: { title: 'after', comments: 'snapshot' } },
}

/**
 * Damages one file of a copy of the fixture, then checks: the server refuses to start naming the file and
 * leaves it as it was; `npm run accord -- restore` brings back the last good copy; a restart serves it.
 */
export async function checkDamageCase(
  env: ReturnType<typeof serverProcessesClosedAfterEach>,
  fixture: Fixture,
  name: string,
  c: DamageCase,
): Promise<void> {
  const dir = env.dataDir()
  cpSync(fixture.dir, dir, { recursive: true })
  const relative = c.file({ ...fixture, dir })
  const file = join(dir, relative)
  damage(file, c.how)
  const damaged = readFileSync(file)

  const failed = await env.start(dir).then(
    () => null,
    (err: Error) => err.message,
  )
  const unchanged = readFileSync(file).equals(damaged)
  const restore = await npm(['run', 'accord', '--', 'restore'], dir)
  const aside = readdirSync(join(dir, relative, '..')).filter((n) => n.includes('.damaged-'))

  const proc = await env.start(dir)
  const titles = (await commentApi(proc.url, fixture.token).drafts()).map((d) => d.title)
  const text = await readDraftText(proc.url, fixture.documentId, fixture.token)
  const comments = (await commentApi(proc.url, fixture.token).comments(fixture.documentId)).map((x) => x.id).sort()
  const expectedComments = (c.after.comments === 'all' ? [...fixture.snapshotComments, ...fixture.journalComments] : fixture.snapshotComments).sort()
  console.log(
    `F5 ${name}: start ${failed ? 'refused' : 'NOT refused'} (${(failed ?? '').match(/Data file \S+ is damaged \([^)]*\)/)?.[0] ?? 'no message naming the file'}); ` +
      `file unchanged: ${unchanged}; restore exit ${restore.code}: ${restore.stdout.trim().replace(/\s+/g, ' ')}; set aside: ${aside.join(', ')}; ` +
      `after restart: title "${titles[0]}", draft text intact: ${text === fixture.text}, comments ${comments.length}/${expectedComments.length}`,
  )
  expect(failed).toMatch(/server exited with 1 before starting/)
  expect(failed).toContain(file)
  expect(unchanged).toBe(true)
  expect(restore.code).toBe(0)
  expect(restore.stdout).toContain(file)
  expect(aside).toHaveLength(1)
  expect(existsSync(join(dir, relative, '..', aside[0]!))).toBe(true)
  expect(titles).toEqual([c.after.title === 'before' ? fixture.titleBefore : fixture.titleAfter])
  expect(text).toBe(fixture.text)
  expect(comments).toEqual(expectedComments)
}

/** Builds the fixture once for the test file (removed after it); the getter is valid inside tests. */
export function fixtureForThisFile(): () => Fixture {
  let fixture: Fixture | undefined
  beforeAll(async () => {
    fixture = await buildFixture()
  })
  afterAll(() => {
    if (fixture) rmSync(fixture.dir, { recursive: true, force: true })
  })
  return () => {
    if (!fixture) throw new Error('the fixture is built in beforeAll')
    return fixture
  }
}
