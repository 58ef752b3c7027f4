import { useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { NODE } from '../../../shared/schema/names'
import type { DocumentSession } from '../editor/DocumentSession'

function countRecommendations(fragment: Y.XmlFragment): number {
  let n = 0
  for (const child of fragment.toArray()) if (child instanceof Y.XmlElement && child.nodeName === NODE.recommendation) n++
  return n
}

/** How many recommendations the live draft has (so the chart lists those nobody commented on, too). */
export function useRecommendationCount(session: DocumentSession | null): number {
  return useSyncExternalStore(
    (onChange) => {
      if (!session) return () => undefined
      // Recommendations are top-level blocks: a shallow observer sees every one added, removed or moved.
      session.fragment.observe(onChange)
      return () => session.fragment.unobserve(onChange)
    },
    () => (session ? countRecommendations(session.fragment) : 0),
  )
}
