import { useEffect, useMemo, useRef, useState } from 'react'
import type { Range } from '../../../shared/draft/anchors'
import { formatPlace, samePlace } from '../../../shared/draft/locator'
import type { Comment } from '../../../shared/types'
import type { DocumentSession } from '../editor/DocumentSession'
import { placeComments, rangesOf } from './placeComments'

const NO_PLACEMENTS: ReadonlyMap<string, Range> = new Map()

/**
 * Where each comment's words are in the text as it is now, and the comments with their place, anchor
 * state and whether their proposal is outdated, as of now. The server's values date from the comment's last change; deleting all of a
 * comment's words must show it as "text removed" at once, on every screen, and an undo must bring it
 * back. Unchanged comments keep their identity, so their threads do not re-render.
 */
export function useLivePlacements(
  session: DocumentSession | null,
  comments: readonly Comment[],
  /** Changes whenever the text may have changed (`useTextTick`). */
  textTick: number,
): { placements: ReadonlyMap<string, Range>; comments: readonly Comment[] } {
  // The adjusted copies of the previous pass, reused while the comment and its placement are unchanged.
  const previous = useRef(new Map<string, { from: Comment; to: Comment }>())
  const result = useMemo(() => {
    // Until the draft has arrived every comment would look orphaned: keep the server's word until then.
    if (!session || !session.state.synced) return { placements: NO_PLACEMENTS, comments, adjusted: new Map(), textTick }
    const places = placeComments(session.fragment, comments)
    const adjusted = new Map<string, { from: Comment; to: Comment }>()
    const live = comments.map((c) => {
      const { place, anchorState, outdated } = places.get(c.id)!
      const same = (d: Comment) => samePlace(place, d.place) && anchorState === d.anchorState && outdated === d.outdated
      if (same(c)) return c
      const kept = previous.current.get(c.id)
      const keep = kept && kept.from === c && same(kept.to)
      const to = keep ? kept.to : { ...c, place, anchorState, locator: formatPlace(place), outdated }
      adjusted.set(c.id, { from: c, to })
      return to
    })
    // Positions change with the text: the result says which settled text it is for.
    return { placements: rangesOf(places), comments: live, adjusted, textTick }
  }, [session, comments, textTick])
  useEffect(() => {
    previous.current = result.adjusted
  }, [result])
  return result
}

/** After the last change of the text, this long without another before comments are placed again (ms)… */
const TEXT_SETTLE_MS = 250
/**
 * …but at least this often while only other people's edits keep coming (ms): remote editors may never
 * pause. The person typing here is not interrupted: placing thousands of comments takes longer than a
 * keystroke may, and their highlights are mapped through their own edits meanwhile.
 */
const REMOTE_MAX_WAIT_MS = 1000

/** A number that changes once the draft's text has changed and then been still for a moment. */
export function useTextTick(session: DocumentSession | null): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!session) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let firstRemote: number | null = null
    const settle = () => {
      timer = null
      firstRemote = null
      setTick((t) => t + 1)
    }
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      const now = Date.now()
      if (origin === session.provider) firstRemote ??= now
      else firstRemote = null
      if (timer) clearTimeout(timer)
      const wait = firstRemote === null ? TEXT_SETTLE_MS : Math.max(0, Math.min(TEXT_SETTLE_MS, firstRemote + REMOTE_MAX_WAIT_MS - now))
      timer = setTimeout(settle, wait)
    }
    session.doc.on('update', onUpdate)
    return () => {
      if (timer) clearTimeout(timer)
      session.doc.off('update', onUpdate)
    }
  }, [session])
  return tick
}
