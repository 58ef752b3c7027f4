import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LowdbStore } from '../../../server/store/LowdbStore'
import { MemoryStore } from '../../../server/store/MemoryStore'
import { describeStoreContract } from '../../helpers/storeContract'
import type { Harness, StoreImplementation } from '../../helpers/storeHarness'

/** The Store contract (test/helpers/storeContract.ts) for the embedded stores; PostgreSQL's run is in test/scale. */
const implementations: StoreImplementation[] = [
  {
    name: 'MemoryStore',
    create: async () => {
      const store = new MemoryStore()
      await store.open()
      const h: Harness = { store, reopen: async () => h.store, cleanup: () => h.store.close() }
      return h
    },
  },
  {
    name: 'LowdbStore',
    create: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'accord-contract-'))
      const store = new LowdbStore(dir)
      await store.open()
      const h: Harness = {
        store,
        reopen: async () => {
          await h.store.close()
          h.store = new LowdbStore(dir)
          await h.store.open()
          return h.store
        },
        cleanup: async () => {
          await h.store.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
      return h
    },
  },
]

describeStoreContract(implementations)
