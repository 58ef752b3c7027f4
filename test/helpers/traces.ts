import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

/** Real editing traces beside the repository (CC BY 4.0, see ../shared/traces/README.md). */
export const TRACES_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'traces')

export type Patch = [pos: number, del: number, ins: string]

export interface SequentialTrace {
  startContent: string
  endContent: string
  txns: { patches: Patch[] }[]
}

export interface ConcurrentTrace {
  kind: 'concurrent'
  numAgents: number
  endContent: string
  txns: { parents: number[]; agent: number; numChildren: number; patches: Patch[] }[]
}

export function loadTrace<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(join(TRACES_DIR, `${name}.json.gz`))).toString('utf8')) as T
}
