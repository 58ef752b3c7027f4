import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { textAt } from '../../helpers/draftDoc'
import { GARBAGE_FAMILIES, ISSUE_687_UPDATES } from '../../helpers/garbageFrames'
import { seededRandom } from '../../helpers/random'
import { collabUrl, connectionsClosedAfterEach, RawPeer, syncStep2Frame, updateFrame } from '../../helpers/rawSocket'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { connectClient, draftText, waitFor, waitSynced } from '../../helpers/yClient'

/**
 * A5, second half: bytes from the network never reach the Yjs functions that crafted updates hang
 * (yjs issue 687). Checked twice: at run time, with every such export of the `yjs` module replaced by a
 * recording wrapper while the in-process server takes real and hostile traffic; and statically, over the
 * server's sources.
 */

/** Yjs exports that decode updates with the lazy or V2 readers issue 687 exploits. */
const { UNSAFE, WRAPPED } = vi.hoisted(() => {
  const unsafe = [
    'mergeUpdates',
    'mergeUpdatesV2',
    'applyUpdateV2',
    'diffUpdate',
    'diffUpdateV2',
    'decodeUpdate',
    'decodeUpdateV2',
    'encodeStateVectorFromUpdate',
    'encodeStateVectorFromUpdateV2',
    'parseUpdateMeta',
    'parseUpdateMetaV2',
    'convertUpdateFormatV1ToV2',
    'convertUpdateFormatV2ToV1',
    'readUpdateV2',
  ] as const
  return { UNSAFE: unsafe, WRAPPED: [...unsafe, 'applyUpdate', 'readUpdate'] as const }
})

// The server's modules import `yjs` through Vitest, so they see these wrappers; the wrapped functions still
// work, so nothing else changes. The safe entry points are wrapped too: they must see the network bytes,
// which proves the wrappers are the functions the server calls.
vi.mock('yjs', async (importOriginal) => {
  const real = await importOriginal<typeof import('yjs')>()
  const wrapped: Record<string, unknown> = { ...real }
  for (const name of WRAPPED) wrapped[name] = vi.fn(real[name] as (...args: never[]) => unknown)
  return wrapped
})

const calls = (name: string) => (Y as unknown as Record<string, ReturnType<typeof vi.fn>>)[name]!.mock.calls

/** Whether a call's arguments include these exact bytes (or bytes read from a decoder over them). */
function sawBytes(name: string, bytes: Uint8Array): boolean {
  const matches = (arg: unknown): boolean => {
    if (arg instanceof Uint8Array) return Buffer.from(arg).equals(Buffer.from(bytes))
    if (arg && typeof arg === 'object' && 'arr' in arg) return matches((arg as { arr: unknown }).arr)
    return Array.isArray(arg) && arg.some(matches)
  }
  return calls(name).some((args) => args.some(matches))
}

let server: TestServer
let editorToken: string
beforeAll(async () => {
  server = await startTestServer({ memory: true })
  editorToken = await server.token('editor')
})
afterAll(async () => {
  await server?.stop()
})
const { clients, peers } = connectionsClosedAfterEach()

describe('A5: network bytes never reach Y.mergeUpdates, Y.applyUpdateV2 or Y.diffUpdate', () => {
  it('at run time: real editing, every garbage family and the crafted updates of issue 687 go only through the V1 reader', async () => {
    const rng = seededRandom(4687)
    for (const name of WRAPPED) (Y as unknown as Record<string, ReturnType<typeof vi.fn>>)[name]!.mockClear()
    const a = connectClient(server.url, server.demoId, editorToken)
    const b = connectClient(server.url, server.demoId, editorToken)
    clients.push(a, b)
    await Promise.all([waitSynced(a), waitSynced(b)])
    for (let i = 0; i < 20; i++) textAt(a.doc).insert(0, `[a${i}]`)
    await waitFor(() => draftText(b.doc) === draftText(a.doc), 'b has a’s edits')

    // A real update from a raw peer: the server must read exactly these bytes with the V1 reader.
    const probe = await RawPeer.open(collabUrl(server.url, server.demoId, editorToken))
    peers.push(probe)
    const before = Y.encodeStateVector(probe.doc)
    textAt(probe.doc).insert(0, 'probe ')
    const realUpdate = Y.encodeStateAsUpdate(probe.doc, before)
    probe.send(updateFrame(realUpdate))
    await probe.barrier()

    const hostile: Uint8Array[] = []
    for (const make of Object.values(GARBAGE_FAMILIES)) hostile.push(make(rng), make(rng))
    for (const update of Object.values(ISSUE_687_UPDATES)) hostile.push(syncStep2Frame(update), updateFrame(update))
    for (const frame of hostile) {
      const attacker = await RawPeer.open(collabUrl(server.url, server.demoId, editorToken))
      peers.push(attacker)
      attacker.send(frame)
      await attacker.closed
    }
    const crafted = Object.values(ISSUE_687_UPDATES)

    const unsafeCalls = Object.fromEntries(UNSAFE.map((name) => [name, calls(name).length]))
    const craftedSeenByV1 = crafted.filter((u) => sawBytes('readUpdate', u)).length
    console.log(
      `A5 entry points: ${hostile.length} hostile frames and live editing; calls to unsafe Yjs decoders: ` +
        `${JSON.stringify(unsafeCalls)}; V1 reader calls: ${calls('readUpdate').length} (real update seen: ` +
        `${sawBytes('readUpdate', realUpdate)}, crafted updates seen: ${craftedSeenByV1}/${crafted.length})`,
    )
    expect(Object.values(unsafeCalls).every((n) => n === 0)).toBe(true)
    // The wrappers are what the server calls: the V1 reader saw the real update and every crafted one.
    expect(sawBytes('readUpdate', realUpdate)).toBe(true)
    expect(craftedSeenByV1).toBe(crafted.length)
    expect(draftText(b.doc)).toContain('probe ')
  })

  it('statically: no server or shared source calls an unsafe Yjs decoder', () => {
    const root = join(import.meta.dirname, '..', '..', '..')
    const sources: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(ts|tsx|js|mjs)$/.test(name)) sources.push(path)
      }
    }
    walk(join(root, 'server'))
    walk(join(root, 'shared'))
    const pattern = new RegExp(`\\b(${UNSAFE.join('|')})\\b`)
    // Reaching into the module object by a computed name would get past the name check.
    const dynamic = /\bY\s*\[/
    const findings = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (pattern.test(line) || dynamic.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
    )
    // The check itself finds a call when there is one.
    expect(pattern.test('const merged = Y.mergeUpdates([a, b])')).toBe(true)
    console.log(`A5 static check: ${sources.length} server and shared sources, ${findings.length} uses of unsafe Yjs decoders`)
    expect(findings).toEqual([])
  })
})
