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
