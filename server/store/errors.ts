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
