/**
 * Runs tasks one after another per draft (and drafts independently of each other), so that comment
 * mutations of one draft see each other's results: ids stay unique and no change overwrites another.
 * A failed task does not stop the ones after it.
 */
export class PerDraftQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(documentId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(documentId) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(fn)
    const tail = run.catch(() => undefined)
    this.tails.set(documentId, tail)
    void tail.then(() => {
      if (this.tails.get(documentId) === tail) this.tails.delete(documentId)
    })
    return run
  }
}
