/**
 * Wire protocol constants shared by the relay and the browser client.
 * Types 0–3 are the standard y-websocket message types; 100+ are Accord's own and are only sent to
 * connections that opted in with the `client=accord` query parameter, so stock clients never see them.
 */

/** Name of the Y.XmlFragment that holds the draft. */
export const CONTENT_FIELD = 'content'
/**
 * Name of the Y.Map in which each move of a recommendation (a delete and a copy) names the block it
 * copied and what its mover had seen, so every window can follow it (shared/draft/followMovedBlocks.ts).
 */
export const MOVES_FIELD = 'moves'
/** WebSocket path prefix: `/collab/<documentId>`. */
export const COLLAB_PATH = '/collab/'
/** Query parameter value that marks a connection as an Accord browser client. */
export const ACCORD_CLIENT_PARAM = 'accord'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3
/** Server → client: which of this connection's edits are durably on disk (or that saving failed). */
export const MESSAGE_SAVE_STATUS = 100
/** Server → client: comment events as JSON (snapshot on connect, then upserts). */
export const MESSAGE_COMMENTS = 101
/** Client → server: new anchor pairs for comments whose text moved (move, cut + paste, undo). */
export const MESSAGE_ANCHOR_REPAIR = 102
/** Server → client: the participant's role changed; JSON `{ role }`. */
export const MESSAGE_SESSION = 103
/** Server → client: the draft's record changed (phase, deadline, title); JSON `{ draft }`. */
export const MESSAGE_DRAFT = 104
/**
 * Comments in the first message an Accord client gets on connecting (the top of the draft, where a window
 * opens); the rest follows in a second message, so the first highlights are drawn before it is parsed.
 */
export const COMMENT_SNAPSHOT_FIRST = 200
/** Most comments one page of `GET …/comments?limit=` holds. */
export const MAX_COMMENT_PAGE = 500
/** Most anchor repairs one message may carry; a client sends more (after a long time offline) in several. */
export const MAX_ANCHOR_REPAIRS_PER_MESSAGE = 500

/** y-protocols sync sub-types. */
export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** Largest WebSocket message the relay accepts; larger ones close the socket with 1009. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024
/**
 * Per-connection flow control, in relay time (a message's cost is the event-loop time its handling took,
 * fan-out included: the same keystroke costs ~70x more on a draft with 230 readers than with one).
 * A connection may keep the relay busy for RELAY_SHARE of the time, with bursts of RELAY_BURST_MS; beyond
 * that the relay stops reading it (TCP flow control slows the sender) instead of closing it.
 */
export const RELAY_SHARE = 0.2
export const RELAY_BURST_MS = 1000
/** Longest one connection's messages are handled at a stretch before other connections get a turn. */
export const RELAY_SLICE_MS = 5
/** A connection held to its share without let-up for this long is flooding, not typing: it is closed. */
export const RELAY_FLOOD_CLOSE_MS = 5000

/** Close codes. 4400–4499 tell the stock provider not to reconnect. */
export const CLOSE_MESSAGE_TOO_BIG = 1009
export const CLOSE_MALFORMED = 1007
export const CLOSE_RATE_LIMITED = 1008
export const CLOSE_SERVER_SHUTDOWN = 1001
export const CLOSE_REVOKED = 4403
/** The draft is now served by another Accord instance (scale-out): reconnect, and resync with it. */
export const CLOSE_DRAFT_MOVED = 4012

/** Save status payload flags. */
export const SAVE_OK = 1
export const SAVE_FAILED = 0

/** Persistence timing: write at most this long after the last edit, and never later than the max wait. */
export const SAVE_DEBOUNCE_MS = 1000
export const SAVE_MAX_WAIT_MS = 3000
/** Retry delay after a failed write (doubles up to the cap). */
export const SAVE_RETRY_MS = 500
export const SAVE_RETRY_MAX_MS = 10_000

/** How often role changes are checked against open connections (ms); the spec allows 5 s. */
export const SESSION_RECHECK_MS = 1000
