const DAY_MS = 24 * 60 * 60 * 1000

/** The wall-clock parts of `at` (ms) in `timeZone`. */
function localParts(at: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(at))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

/** How far `timeZone` is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000
}

/** The instant a local date and time in `timeZone` happens (the first of two in an autumn hour, the next in a spring gap). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  const guess = wall - offsetAt(wall, timeZone)
  // Across a change of offset the first guess uses the wrong side's offset: correct once.
  return wall - offsetAt(guess, timeZone)
}

/**
 * The next time it is `time` ("HH:MM") in `timeZone` strictly after `after` (ms): when a daily digest that
 * collects something noted at `after` goes out.
 */
export function nextDigestAt(after: number, time: string, timeZone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const today = localParts(after, timeZone)
  let at = instantOf(today.year, today.month, today.day, hour, minute, timeZone)
  if (at <= after) {
    const tomorrow = localParts(at + DAY_MS, timeZone)
    at = instantOf(tomorrow.year, tomorrow.month, tomorrow.day, hour, minute, timeZone)
  }
  return at
}
