import { useCallback, useEffect, useRef, useState } from 'react'
import type { Comment, Me, Resolution } from '../../../shared/types'
import type { CommentsStore } from './CommentsStore'

/** A decision on one of the viewer's own comments, made while their window was open. */
export interface DecisionNotice {
  commentId: string
  resolution: Resolution
}

/**
 * Decisions on the viewer's own comments that arrive while the draft is open: a delegate learns at once
 * that NO-003 was "Not accepted" and why, instead of seeing the comment quietly leave the open list.
 * Comments already decided when the window opened are not announced again.
 */
export function useDecisionNotices(store: CommentsStore | null, me: Pick<Me, 'id'>): { notices: DecisionNotice[]; dismiss: (commentId: string) => void } {
  const [notices, setNotices] = useState<DecisionNotice[]>([])
  // Each own comment's status as last seen; unknown until the first snapshot has arrived.
  const seen = useRef(new Map<string, Comment['status']>())
  useEffect(() => {
    if (!store) return
    const check = () => {
      if (!store.loaded) return
      const fresh: DecisionNotice[] = []
      for (const c of store.all) {
        if (c.author.id !== me.id) continue
        const before = seen.current.get(c.id)
        seen.current.set(c.id, c.status)
        if (before !== undefined && before !== 'resolved' && c.status === 'resolved' && c.resolution) {
          fresh.push({ commentId: c.id, resolution: c.resolution })
        }
      }
      if (fresh.length > 0) setNotices((list) => [...list.filter((n) => !fresh.some((f) => f.commentId === n.commentId)), ...fresh])
    }
    check()
    return store.subscribe(check)
  }, [store, me.id])
  const dismiss = useCallback((commentId: string) => setNotices((list) => list.filter((n) => n.commentId !== commentId)), [])
  return { notices, dismiss }
}
