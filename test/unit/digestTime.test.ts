import { describe, expect, it } from 'vitest'
import { nextDigestAt } from '../../server/notifications/digestTime'
import { isTimeZone } from '../../shared/notificationPreferences'

const iso = (ms: number) => new Date(ms).toISOString()

describe('the next daily digest', () => {
  it('is later today at that local time, or tomorrow once it has passed', () => {
    expect(iso(nextDigestAt(Date.parse('2026-12-01T06:00:00Z'), '08:00', 'UTC'))).toBe('2026-12-01T08:00:00.000Z')
    expect(iso(nextDigestAt(Date.parse('2026-12-01T08:00:00Z'), '08:00', 'UTC'))).toBe('2026-12-02T08:00:00.000Z')
    expect(iso(nextDigestAt(Date.parse('2026-12-01T09:00:00Z'), '08:00', 'UTC'))).toBe('2026-12-02T08:00:00.000Z')
  })

  it('follows the reader’s time zone, summer and winter, and the date line', () => {
    // Oslo is UTC+1 in winter, UTC+2 in summer.
    expect(iso(nextDigestAt(Date.parse('2026-12-01T06:00:00Z'), '08:00', 'Europe/Oslo'))).toBe('2026-12-01T07:00:00.000Z')
    expect(iso(nextDigestAt(Date.parse('2026-07-01T05:00:00Z'), '08:00', 'Europe/Oslo'))).toBe('2026-07-01T06:00:00.000Z')
    // 23:30 in Sydney (UTC+11 in December) on 1 December is 12:30 UTC.
    expect(iso(nextDigestAt(Date.parse('2026-12-01T13:00:00Z'), '23:30', 'Australia/Sydney'))).toBe('2026-12-02T12:30:00.000Z')
    // Maputo, UTC+2 all year.
    expect(iso(nextDigestAt(Date.parse('2026-12-01T23:00:00Z'), '07:15', 'Africa/Maputo'))).toBe('2026-12-02T05:15:00.000Z')
  })

  it('on the days the clocks change, it is at that local time all the same', () => {
    // Oslo springs forward on 29 March 2026 at 02:00 → 03:00; 08:00 that day is 06:00 UTC.
    expect(iso(nextDigestAt(Date.parse('2026-03-28T12:00:00Z'), '08:00', 'Europe/Oslo'))).toBe('2026-03-29T06:00:00.000Z')
    // …and falls back on 25 October 2026; 08:00 that day is 07:00 UTC.
    expect(iso(nextDigestAt(Date.parse('2026-10-24T12:00:00Z'), '08:00', 'Europe/Oslo'))).toBe('2026-10-25T07:00:00.000Z')
  })

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('Europe/Oslo')).toBe(true)
    expect(isTimeZone('Europe/Olso')).toBe(false)
  })
})
