import type { Store } from '../../server/store/Store'

/**
 * One contract for every Store. `reopen()` closes the store and opens a fresh instance on the same data
 * (a restart); for the memory store it is the same instance, so every assertion made after `reopen()`
 * checks both the live store and, for disk and database stores, what survives a restart.
 */
export interface Harness {
  store: Store
  reopen(): Promise<Store>
  cleanup(): Promise<void>
}

/** A store under test: how to make a fresh, empty one. */
export interface StoreImplementation {
  name: string
  create: () => Promise<Harness>
}
