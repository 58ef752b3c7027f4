/** Structured log lines: one JSON object per line, with time, level and message. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

type Level = 'info' | 'warn' | 'error'

/** Writes JSON lines: info to stdout, warnings and errors to stderr. */
export function jsonLogger(write: (level: Level, line: string) => void = defaultWrite): Logger {
  const log = (level: Level) => (msg: string, fields: Record<string, unknown> = {}) =>
    write(level, JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }))
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

function defaultWrite(level: Level, line: string): void {
  if (level === 'info') process.stdout.write(line + '\n')
  else process.stderr.write(line + '\n')
}

/** Discards everything (tests that do not look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
