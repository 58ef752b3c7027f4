import { describe, expect, it } from 'vitest'
import { CommentsStore } from '../../client/src/comments/CommentsStore'
import type { Comment } from '../../shared/types'
import { generalComment } from '../helpers/commentFixture'

const comment = (rev: number, status: Comment['status']): Comment => generalComment({ rev, status })

describe('the browser comment store', () => {
  it('never lets an older copy bring a resolved comment back to open', () => {
    const store = new CommentsStore()
    let notified = 0
    store.subscribe(() => notified++)
    store.apply({ kind: 'upsert', comments: [comment(3, 'resolved')] })
    // A snapshot that was computed before the resolution arrives late.
    store.apply({ kind: 'snapshot', comments: [comment(2, 'open')] })
    store.upsert(comment(1, 'open'))
    expect(store.get('NO-001')?.status).toBe('resolved')
    expect(store.loaded).toBe(true)
    store.upsert(comment(4, 'open'))
    expect(store.get('NO-001')?.status).toBe('open')
    expect(notified).toBe(3)
  })
})
