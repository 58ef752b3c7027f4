import { useEffect, useMemo, useRef, useState } from 'react'
import { describePlacement } from '../../../shared/draft/anchors'
import { buildPositionIndex } from '../../../shared/draft/positionIndex'
import type { Comment } from '../../../shared/types'
import type { DocumentSession } from '../editor/DocumentSession'

type Range = { from: number; to: number }

/**
 * Where each comment's words are in the text as it is now, and the comments with their locator and
 * anchor state as of now. The server's values date from the comment's last change; deleting all of a
 * comment's words must show it as "text removed" at once, on every screen, and an undo must bring it
 * back. Unchanged comments keep their identity, so their threads do not re-render.
 */
export function useLivePlacements(
  session: DocumentSession | null,
  comments: readonly Comment[],
  /** Changes whenever the text may have changed. */
  textTick: number,
): { placements: Map<string, Range>; comments: Comment[] } {
  const adjusted = useRef(new Map<string, { from: Comment; to: Comment }>())
  return useMemo(() => {
    const placements = new Map<string, Range>()
    // Until the draft has arrived every comment would look orphaned: keep the server's word until then.
    if (!session || !session.state.synced) return { placements, comments: [...comments] }
    const index = buildPositionIndex(session.fragment)
    const live = comments.map((c) => {
      const { range, locator, anchorState } = describePlacement(index, session.doc, c)
      if (range) placements.set(c.id, range)
      if (locator === c.locator && anchorState === c.anchorState) return c
      const kept = adjusted.current.get(c.id)
      if (kept && kept.from === c && kept.to.locator === locator && kept.to.anchorState === anchorState) return kept.to
      const now = { ...c, locator, anchorState }
      adjusted.current.set(c.id, { from: c, to: now })
      return now
    })
    return { placements, comments: live }
    // textTick: positions change with the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, comments, textTick])
}

/** Quiet time after the last change of the text before comments are placed again (ms). */
const TEXT_SETTLE_MS = 300

/** A number that changes once the draft's text has changed and then been still for a moment. */
export function useTextTick(session: DocumentSession | null): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!session) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => setTick((t) => t + 1), TEXT_SETTLE_MS)
    }
    session.doc.on('update', onUpdate)
    return () => {
      if (timer) clearTimeout(timer)
      session.doc.off('update', onUpdate)
    }
  }, [session])
  return tick
}
