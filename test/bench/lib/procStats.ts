import { readFileSync, readdirSync } from 'node:fs'

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100

export interface ProcSample {
  /** CPU time used so far (user + system), ms. */
  cpuMs: number
  rssBytes: number
  /** Peak RSS so far. */
  peakRssBytes: number
  /** Bytes this process caused to be sent to the storage layer (page granular), if the kernel reports it. */
  writeBytes: number | null
}

/** Reads a process's CPU, memory and disk counters from /proc (works for any server, ours or stock). */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  let writeBytes: number | null = null
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8')
    writeBytes = Number(/^write_bytes:\s+(\d+)/m.exec(io)?.[1] ?? Number.NaN)
  } catch {
    writeBytes = null
  }
  return {
    cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND,
    rssBytes: kb('VmRSS'),
    peakRssBytes: kb('VmHWM'),
    writeBytes,
  }
}

/** CPU used between two samples as a percentage of one core. */
export function cpuPercent(before: ProcSample, after: ProcSample, wallMs: number): number {
  return ((after.cpuMs - before.cpuMs) / wallMs) * 100
}

export const MB = 1024 * 1024

/**
 * Waits until these processes together use less than `percent` of a core over half a second (or
 * `maxMs` passed): measuring while clients still digest their connection burst would measure that.
 */
export async function waitQuiet(pids: readonly number[], percent = 15, maxMs = 30_000): Promise<number> {
  const start = Date.now()
  for (;;) {
    const before = pids.map(sampleProcess)
    await new Promise((r) => setTimeout(r, 500))
    const used = pids.reduce((sum, pid, i) => sum + sampleProcess(pid).cpuMs - before[i]!.cpuMs, 0)
    if ((used / 500) * 100 < percent || Date.now() - start > maxMs) return Date.now() - start
  }
}

/** The processes whose parent is `pid` (PostgreSQL's backends under its postmaster). */
export function childPids(pid: number): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return out
}

/** CPU time (ms) used so far by a process and its children that are still running. */
export function treeCpuMs(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => {
    try {
      return sum + sampleProcess(p).cpuMs
    } catch {
      return sum
    }
  }, 0)
}
