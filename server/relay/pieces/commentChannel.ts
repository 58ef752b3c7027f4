import { commentsMessage } from '../../../shared/accordMessages'
import type { AnchorRepair } from '../../../shared/draft/anchorRepairs'
import { audienceOf, can, commentFacts } from '../../../shared/policy'
import { COMMENT_SNAPSHOT_FIRST, MESSAGE_ANCHOR_REPAIR } from '../../../shared/protocol'
import type { Comment, CommentEvent, Participant } from '../../../shared/types'
import type { Logger } from '../../logger'
import type { AccordHandler, RelayExtension } from '../extensions'
import type { RelayConnection } from '../RelayConnection'

export interface CommentChannelDeps {
  /** The comments of a draft that `viewer` may see, placed in the current text. */
  snapshot(documentId: string, viewer: Participant): Promise<Comment[]>
  /** New anchor ends from an editor whose own edit moved commented words. */
  repairAnchors(documentId: string, actor: Participant, repairs: AnchorRepair[]): Promise<void>
  logger: Logger
}

export interface CommentChannel extends RelayExtension {
  /** Pushes a comment event to the Accord clients on a draft, each receiving only the comments its participant may see. */
  publish(connections: readonly RelayConnection[], event: CommentEvent): void
}

/**
 * The comment side of the socket: every comment a viewer may see when an Accord client connects (the top
 * of the draft first, the rest in a second message), then
 * each change, filtered per recipient by the policy's `comment.view`; anchor repairs (type 102) from
 * those the policy lets repair them.
 */
export function commentChannel(deps: CommentChannelDeps): CommentChannel {
  const { logger } = deps
  const repairs: AccordHandler<typeof MESSAGE_ANCHOR_REPAIR> = {
    type: MESSAGE_ANCHOR_REPAIR,
    action: 'comment.repairAnchors',
    handle(conn, message) {
      deps.repairAnchors(conn.room.id, conn.participant, message.repairs).catch((err: unknown) => {
        logger.warn('anchor repair rejected', { document: conn.room.id, error: String(err) })
      })
    },
  }
  return {
    name: 'comment channel',
    onConnect(conn) {
      if (!conn.accordClient) return
      deps
        .snapshot(conn.room.id, conn.participant)
        .then((comments) => {
          // Document order: the first part is the top of the draft, what the window shows on opening.
          conn.send(commentsMessage({ kind: 'snapshot', comments: comments.slice(0, COMMENT_SNAPSHOT_FIRST) }))
          if (comments.length > COMMENT_SNAPSHOT_FIRST) conn.send(commentsMessage({ kind: 'upsert', comments: comments.slice(COMMENT_SNAPSHOT_FIRST) }))
        })
        .catch((err: unknown) => logger.error('could not send comments', { document: conn.room.id, error: String(err) }))
    },
    handlers: [repairs],
    publish(connections, event) {
      // Viewers in one audience see the same comments: one message each.
      const messages = new Map<string, Uint8Array | null>()
      for (const conn of connections) {
        if (!conn.accordClient) continue
        const audience = audienceOf(conn.participant)
        let message = messages.get(audience)
        if (message === undefined) {
          const visible = event.comments.filter((c) => can(conn.participant, 'comment.view', { comment: commentFacts(c) }).allowed)
          message = visible.length > 0 ? commentsMessage({ ...event, comments: visible }) : null
          messages.set(audience, message)
        }
        if (message) conn.send(message)
      }
    },
  }
}
