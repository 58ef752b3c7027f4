import type { Logger } from '../../server/logger'

/** A silent logger that counts the server's "save failed" lines (one per failed write of a draft, retries included). */
export function saveFailureLogger(): Logger & { saveFailures: () => number } {
  let failures = 0
  return {
    info() {},
    warn() {},
    error(msg) {
      if (msg.startsWith('save failed')) failures++
    },
    saveFailures: () => failures,
  }
}
