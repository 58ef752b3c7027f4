import { rmSync } from 'node:fs'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/logger'
import { LowdbStore } from '../../server/store/LowdbStore'
import { compareWorkspaces } from '../../server/store/moveWorkspace'
import { PostgresStore } from '../../server/store/postgres/PostgresStore'
import { commentApi } from '../helpers/commentApi'
import { statementOf } from '../helpers/draftDoc'
import { npm } from '../helpers/npmCli'
import { rawRequest } from '../helpers/rawHttp'
import { startTestServer, tempDataDir } from '../helpers/testServer'
import { connectClient, readDraftText, waitFor, waitSynced } from '../helpers/yClient'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/**
 * `npm run accord -- migrate-to-postgres`: an embedded data directory with drafts typed in, comments
 * decided, a version and people signed in moves into PostgreSQL; the command verifies counts and every
 * draft's text and comments; Accord started on the database serves the same workspace.
 */

describe.runIf(scaleTestsRun())('migrate-to-postgres', () => {
  const postgres = postgresForThisFile()

  it('moves a workspace, verifies it, and Accord on PostgreSQL serves the same drafts, comments and credentials', async () => {
    const dataDir = tempDataDir()
    try {
      // An embedded workspace in use: typing, comments with a reply and a decision, a version, a second draft.
      const embedded = await startTestServer({ dataDir, keepDataDir: true, saveTiming: { debounceMs: 20, maxWaitMs: 50 } })
      const editorToken = await embedded.token('editor', 'Ana Silva', 'MZ')
      const chairToken = await embedded.token('chair', 'Claire Chair', 'WIPO')
      const delegate = commentApi(embedded.url, await embedded.token('commenter', 'Kari Nordmann', 'NO'))
      const chair = commentApi(embedded.url, chairToken)
      const id = embedded.demoId
      const typist = connectClient(embedded.url, id, editorToken)
      await waitSynced(typist)
      for (let i = 0; i < 40; i++) statementOf(typist.doc, 1).insert(0, `w${i} `)
      await waitFor(() => embedded.drafts.peek(id)?.doc.getXmlFragment('content').toString().includes('w39') ?? false, 'the server has the edits')
      typist.destroy()
      const first = await delegate.comment(id, { type: 'editorial', body: 'Say when.', anchor: { quote: 'reviewed at regular intervals' } })
      await delegate.comment(id, { type: 'general', body: 'We support the draft.' })
      await chair.resolve(id, first.id, 'accepted', 'Agreed.')
      expect((await rawRequest(embedded.url, `/api/documents/${id}/versions`, { token: chairToken, method: 'POST', body: { label: 'Before the move' } })).status).toBe(201)
      const second = await chair.createDraft('A second draft')
      await chair.comment(second, { type: 'general', body: 'On the second draft.' })
      const textBefore = await readDraftText(embedded.url, id, editorToken)
      const commentsBefore = await chair.comments(id)
      await embedded.stop()

      const databaseUrl = await postgres().createDatabase('moved')
      const moved = await npm(['run', 'accord', '--', 'migrate-to-postgres'], dataDir, { DATABASE_URL: databaseUrl })
      console.log(moved.stdout)
      expect(moved.code, moved.stderr).toBe(0)
      expect(moved.stdout).toMatch(/comments: 3 in .*, 3 in PostgreSQL/)
      expect(moved.stdout).toMatch(/drafts: 2 in .*, 2 in PostgreSQL/)
      expect(moved.stdout).toContain("Every draft's text, comments, versions, authors and notifications are equal")
      // The delegate's comments and the chair's decision left bell entries: they move too.
      const [, bellBefore, bellAfter] = /notifications \(bell entries and e-mail outbox\): (\d+) in .*, (\d+) in PostgreSQL/.exec(moved.stdout) ?? []
      expect(Number(bellBefore)).toBeGreaterThan(0)
      expect(bellAfter).toBe(bellBefore)

      // A second run refuses: the database is not empty any more.
      const again = await npm(['run', 'accord', '--', 'migrate-to-postgres'], dataDir, { DATABASE_URL: databaseUrl })
      expect(again.code).toBe(1)
      expect(again.stderr).toMatch(/already holds an Accord workspace/)

      // The comparison is not a formality: a comment changed in the database is reported.
      const db = new pg.Client({ connectionString: databaseUrl })
      await db.connect()
      await db.query("UPDATE comments SET data = replace(data, 'Say when.', 'Say how.') WHERE id = $1", [first.id])
      const source = new LowdbStore(dataDir)
      await source.open()
      const target = PostgresStore.connect(databaseUrl, silentLogger)
      const tampered = await compareWorkspaces(source, target)
      await source.close()
      await target.close()
      expect(tampered.mismatches).toEqual([`draft ${id}: comments differ`])
      await db.query("UPDATE comments SET data = replace(data, 'Say how.', 'Say when.') WHERE id = $1", [first.id])
      await db.end()

      // Accord on PostgreSQL: the tokens made on the embedded store work, the draft reads the same.
      const onPostgres = await startTestServer({ databaseUrl })
      try {
        expect(await readDraftText(onPostgres.url, id, editorToken)).toBe(textBefore)
        expect(await commentApi(onPostgres.url, chairToken).comments(id)).toEqual(commentsBefore)
        expect((await commentApi(onPostgres.url, chairToken).drafts()).map((d) => d.title).sort()).toEqual(
          ['A second draft', 'Recommendations on ICT and IP Administration (draft for consultation)'].sort(),
        )
      } finally {
        await onPostgres.stop()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
