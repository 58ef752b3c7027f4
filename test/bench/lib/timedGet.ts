import { nowMs } from './stats'

/** The median of `runs` timed GETs of `url` one after the other (after one warm-up), and the last answer. */
export async function timedGet(url: string, token: string, runs: number): Promise<{ ms: number; body: Buffer }> {
  const get = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
    return Buffer.from(await res.arrayBuffer())
  }
  let body = await get()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = nowMs()
    body = await get()
    times.push(nowMs() - t)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)]!, body }
}
