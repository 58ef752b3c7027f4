import type { Logger } from '../../logger'
import { LowdbStore } from '../LowdbStore'
import { type MoveCounts, moveWorkspace } from '../moveWorkspace'
import { PostgresStore } from './PostgresStore'

const LABELS: Record<keyof MoveCounts, string> = {
  participants: 'participants',
  credentials: 'credentials (links, tokens, sessions)',
  settings: 'settings',
  drafts: 'drafts',
  updates: 'stored updates (PostgreSQL may fold them into snapshots)',
  comments: 'comments',
  versions: 'versions',
  authors: 'authors of edits',
  notifications: 'notifications (bell entries and e-mail outbox)',
}

/**
 * `npm run accord -- migrate-to-postgres`: moves DATA_DIR's workspace into the empty database, then
 * prints both stores' counts and every difference found when comparing them. True when they agree.
 */
export async function migrateToPostgres(dataDir: string, databaseUrl: string, logger: Logger, print: (line: string) => void): Promise<boolean> {
  // Opening the embedded store takes its lock: no server can start on DATA_DIR while it is being moved.
  const source = new LowdbStore(dataDir)
  await source.open()
  const target = PostgresStore.connect(databaseUrl, logger)
  try {
    await target.open()
    print(`Moving ${dataDir} into PostgreSQL…`)
    const report = await moveWorkspace(source, target, (line) => print(`  ${line}`))
    print('Read back and compared:')
    for (const key of Object.keys(LABELS) as (keyof MoveCounts)[]) {
      print(`  ${LABELS[key]}: ${report.source[key]} in ${dataDir}, ${report.target[key]} in PostgreSQL`)
    }
    if (report.mismatches.length > 0) {
      print(`NOT EQUAL (${report.mismatches.length}):`)
      for (const m of report.mismatches) print(`  ${m}`)
      return false
    }
    print("Every draft's text, comments, versions, authors and notifications are equal. Start Accord with DATABASE_URL set.")
    return true
  } finally {
    await target.close()
    await source.close()
  }
}
