/**
 * Which drafts this server may serve. With the embedded store it serves every draft (`soleOwnership`);
 * with several instances on PostgreSQL each draft has one owner at a time (server/scale/Ownership.ts),
 * and LiveDrafts asks before loading a draft, after unloading it, and before confirming edits as saved.
 */
export interface DraftOwnership {
  /** Before a draft is loaded: makes this instance its owner; rejects (DraftElsewhereError) when another instance serves it. */
  acquire(documentId: string): Promise<void>
  /** After a draft was written and unloaded: another instance may take it. */
  release(documentId: string): void
  /**
   * Before clients are told their edits are saved: resolves while this instance still owns the draft
   * (asking the database when its lease was last confirmed too long ago), rejects when it does not.
   */
  confirm(documentId: string): Promise<void>
  /**
   * An object that stays the same while this instance holds the draft without a break (what it counted
   * meanwhile, e.g. comment ids, is still right), and is another one after it lost or gave the draft up.
   */
  tenure(documentId: string): object
}

const ALWAYS = {}

/** One server, every draft: nothing to ask. */
export const soleOwnership: DraftOwnership = {
  acquire: async () => undefined,
  release: () => undefined,
  confirm: async () => undefined,
  tenure: () => ALWAYS,
}
