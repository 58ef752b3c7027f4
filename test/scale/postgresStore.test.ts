import { describe } from 'vitest'
import { silentLogger } from '../../server/logger'
import { PostgresStore } from '../../server/store/postgres/PostgresStore'
import { describeStoreContract } from '../helpers/storeContract'
import type { Harness } from '../helpers/storeHarness'
import { postgresForThisFile, scaleTestsRun } from './helpers/scaleSuite'

/** The Store contract, run against PostgresStore on a real PostgreSQL (a fresh database per test). */

describe.runIf(scaleTestsRun())('PostgresStore', () => {
  const postgres = postgresForThisFile()
  describeStoreContract([
    {
      name: 'PostgresStore',
      create: async () => {
        const url = await postgres().createDatabase('contract')
        const open = async () => {
          const store = PostgresStore.connect(url, silentLogger)
          await store.open()
          return store
        }
        const h: Harness = {
          store: await open(),
          reopen: async () => {
            await h.store.close()
            h.store = await open()
            return h.store
          },
          cleanup: () => h.store.close(),
        }
        return h
      },
    },
  ])
})
