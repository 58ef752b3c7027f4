/** A data file exists but cannot be read: start-up must stop and the file must be kept as it is. */
export class CorruptDataError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `Data file ${file} is damaged (${reason}). Accord will not start, so that nothing overwrites it. ` +
        `Restore the last good copy with "npm run accord -- restore" (see README, "Backups").`,
    )
    this.name = 'CorruptDataError'
  }
}

/** Another Accord process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Data directory ${dataDir} is in use by another Accord server (pid ${pid}). Stop it first, or use another DATA_DIR.`)
    this.name = 'DataDirLockedError'
  }
}

/**
 * A comment write was made from a revision that is no longer the stored one (someone else changed or
 * created the comment meanwhile). Nothing of its batch was written.
 */
export class CommentConflictError extends Error {
  constructor(
    readonly documentId: string,
    readonly commentIds: readonly string[],
  ) {
    super(`Comment ${commentIds.join(', ')} of draft ${documentId} changed meanwhile; nothing was saved. Reload and try again.`)
    this.name = 'CommentConflictError'
  }
}

/**
 * A write for a draft that another Accord instance serves (scale-out): this instance may not write it.
 * Nothing was written; the request should go to the draft's owner (it is retried or forwarded).
 */
export class DraftElsewhereError extends Error {
  constructor(
    readonly documentId: string,
    /** Where the owner can be reached, when known. */
    readonly ownerAddress: string | null,
  ) {
    super(`Draft ${documentId} is served by another Accord instance${ownerAddress ? ` (${ownerAddress})` : ''}; nothing was written.`)
    this.name = 'DraftElsewhereError'
  }
}

/**
 * A write refused by the epoch fence: another instance took the draft over since this one became its
 * owner. Nothing was written; this instance must drop the draft.
 */
export class StaleOwnerError extends Error {
  constructor(
    readonly documentId: string,
    readonly epoch: number,
  ) {
    super(`Draft ${documentId} was taken over by another Accord instance (this one held epoch ${epoch}); the write was refused.`)
    this.name = 'StaleOwnerError'
  }
}
