import * as Y from 'yjs'
import { type AccordClient, connectAccordClient } from '../../helpers/accordClient'
import { textAt } from '../../helpers/draftDoc'
import type { Random } from '../../helpers/random'
import { TOKEN, tokenAudit, tokenBoundaries } from '../../helpers/tokens'
import { draftText, waitFor, waitSynced } from '../../helpers/yClient'

/** One typed token and the client clock once it was in: the server confirmed it saved when its ack reaches that clock. */
interface Typed {
  token: string
  client: number
  clock: number
}

/**
 * Accord clients typing unique tokens ("⟦c3.17⟧") into one paragraph of a draft, each every 30–120 ms
 * (seeded), through any instance. Keeps, per client, the highest clock the server confirmed saved, so a
 * test can tell confirmed edits from unconfirmed ones after a crash.
 */
export class Typists {
  readonly clients: AccordClient[]
  private readonly typed: Typed[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private typing = false

  constructor(
    urls: readonly string[],
    private readonly documentId: string,
    private readonly token: string,
    private readonly rng: Random,
  ) {
    this.clients = urls.map((url) => connectAccordClient(url, documentId, token))
  }

  /** Connects one more client (it types once started, or at once when typing is on); returns its index. */
  async add(url: string): Promise<number> {
    const client = connectAccordClient(url, this.documentId, this.token)
    this.clients.push(client)
    await waitSynced(client, 20_000)
    const i = this.clients.length - 1
    if (this.typing) this.typeNext(i)
    return i
  }

  /** The highest clock any server ever confirmed saved to this client, whichever instance it was. */
  private confirmedClock(client: number): number {
    return this.clients[client]!.saveEvents.reduce((max, e) => Math.max(max, e.clock), 0)
  }

  async synced(): Promise<void> {
    await Promise.all(this.clients.map((c) => waitSynced(c, 20_000)))
  }

  start(): void {
    this.typing = true
    this.clients.forEach((_, i) => this.typeNext(i))
  }

  stop(): void {
    this.typing = false
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  private typeNext(i: number): void {
    if (!this.typing) return
    const c = this.clients[i]!
    const text = textAt(c.doc)
    const token = `⟦c${i}.${this.typed.filter((t) => t.client === i).length}⟧`
    text.insert(this.rng.pick(tokenBoundaries(text.toString())), token)
    this.typed.push({ token, client: i, clock: Y.getState(c.doc.store, c.doc.clientID) })
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.typeNext(i)
    }, this.rng.int(30, 120))
    this.timers.add(timer)
  }

  get count(): number {
    return this.typed.length
  }

  /** Tokens typed by each client so far. */
  countOf(client: number): number {
    return this.typed.filter((t) => t.client === client).length
  }

  /** Tokens the server had confirmed saved to their typist. */
  confirmedTokens(): string[] {
    const clocks = this.clients.map((_, i) => this.confirmedClock(i))
    return this.typed.filter((t) => t.clock <= clocks[t.client]!).map((t) => t.token)
  }

  allTokens(): string[] {
    return this.typed.map((t) => t.token)
  }

  /** Waits until every client shows the same text holding every token typed. */
  async converged(timeoutMs = 30_000): Promise<string> {
    const expected = this.typed.length
    await waitFor(
      () => {
        const first = draftText(this.clients[0]!.doc)
        return this.clients.every((c) => draftText(c.doc) === first) && (first.match(TOKEN) ?? []).length >= expected
      },
      'every replica has every token',
      timeoutMs,
    )
    return draftText(this.clients[0]!.doc)
  }

  async allSaved(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.clients.map((c) => c.waitSaved(timeoutMs)))
  }

  /** Confirmed tokens missing or doubled in `text`, and any typed token missing or doubled. */
  audit(text: string): { confirmedMissing: string[]; confirmedDoubled: string[]; missing: string[]; doubled: string[] } {
    const confirmed = tokenAudit(text, this.confirmedTokens())
    const all = tokenAudit(text, this.allTokens())
    return { confirmedMissing: confirmed.missing, confirmedDoubled: confirmed.doubled, missing: all.missing, doubled: all.doubled }
  }

  destroy(): void {
    this.stop()
    for (const c of this.clients) c.destroy()
  }
}
