import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { manualClock } from '../../helpers/manualClock'
import { outboxSettled, person } from '../../helpers/notificationPeople'
import { rawRequest } from '../../helpers/rawHttp'
import { type SmtpSink, startSmtpSink } from '../../helpers/smtpSink'
import { type TestServer, startTestServer, tempDataDir } from '../../helpers/testServer'

/**
 * Deadline reminders survive restarts: computed from the clock at every start, recorded at most once. A
 * server that was down at the 7-day mark sends it when it starts, and the 1-day one likewise; starting
 * again sends nothing twice.
 */

const DAY = 24 * 60 * 60 * 1000
const START = Date.parse('2026-12-01T09:00:00Z')
const DEADLINE = START + 20 * DAY
const dataDir = tempDataDir()
const clock = manualClock(START)
let sink: SmtpSink

afterAll(async () => {
  await sink?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs `fn` with the server started on the shared data directory at the clock's time, then stops it. */
async function whileUp<T>(fn: (server: TestServer, store: LowdbStore) => Promise<T>): Promise<T> {
  const store = new LowdbStore(dataDir)
  const server = await startTestServer({ dataDir, store, clock, smtpUrl: sink.url, seedDemo: false })
  try {
    const result = await fn(server, store)
    await outboxSettled(store, clock.now())
    return result
  } finally {
    await server.stop()
  }
}

describe('deadline reminders across restarts', () => {
  it('each reminder comes at start when the server was down at its mark, and never twice', async () => {
    sink = await startSmtpSink()
    const maria = await whileUp(async (server) => {
      const chair = await person(server, 'Claire Chair', 'WIPO', 'chair')
      const maria = await person(server, 'Maria Lopez', 'MX', 'commenter')
      const id = await server.openDraft('Recommendations on ICT')
      const opened = await rawRequest(server.url, `/api/documents/${id}/phase`, {
        method: 'POST',
        token: chair.token,
        body: { phase: 'consultation', reference: 'C.CWS 180', deadline: new Date(DEADLINE).toISOString() },
      })
      expect(opened.status, opened.text).toBe(200)
      return maria
    })
    const reminders = () => sink.to(maria.email).filter((m) => m.subject.includes('left to comment')).map((m) => m.subject.replace(/ \(C\.CWS.*$/, ''))
    expect(reminders()).toEqual([])

    // Down at the 7-day mark; started six days before the deadline.
    clock.set(DEADLINE - 6 * DAY)
    await whileUp(async () => undefined)
    expect(reminders()).toEqual(['[Accord] 7 days left to comment'])
    // Started again the same day: nothing new.
    await whileUp(async () => undefined)
    expect(reminders()).toEqual(['[Accord] 7 days left to comment'])
    // Down at the 1-day mark; started twelve hours before the deadline.
    clock.set(DEADLINE - DAY / 2)
    await whileUp(async () => undefined)
    expect(reminders()).toEqual(['[Accord] 7 days left to comment', '[Accord] 1 day left to comment'])
    console.log(`reminders after 4 starts: ${reminders().length}; messages to the delegate in all: ${sink.to(maria.email).length}`)
  })
})
