import * as Y from 'yjs'
import type { Comment } from '../types'
import { type AnchorRepair, moveTopLevelBlock } from './anchorRepairs'
import { type BlockMovedListener, followMovedBlocks } from './followMovedBlocks'

type Anchored = Pick<Comment, 'id' | 'scope' | 'anchors'>

/** A move this client made, undoable by moving the block back. */
interface MoveEntry {
  seq: number
  /** The block as it is now (the copy the move created). */
  block: Y.XmlElement
  /** Where to put it back (its index before the move). */
  returnTo: number
}

const SEQ = 'accord:seq'
/** Origin of re-typing words that a concurrent move left behind: not a step of its own in the history. */
const RESCUE_ORIGIN = 'accord-rescue'

/**
 * One undo history for text edits and recommendation moves, in the order they were made.
 *
 * Text edits go through the Yjs undo manager (only this client's own edits). Moves do not: undoing a
 * move through Yjs would delete the moved copy with everything others typed into it since, and bring
 * back the old block. Here, undoing a move moves the block back, so nobody's edits are lost.
 */
export class MoveAwareUndo {
  private seq = 0
  private lastPoppedSeq = 0
  private moveUndo: MoveEntry[] = []
  private moveRedo: MoveEntry[] = []

  constructor(
    private readonly undoManager: Y.UndoManager,
    private readonly fragment: Y.XmlFragment,
    /** Origin of move transactions; must not be tracked by the undo manager. */
    private readonly moveOrigin: unknown,
  ) {
    undoManager.on('stack-item-added', ({ stackItem, origin, type }) => {
      const byUndoManager = origin === undoManager
      // A new edit of one's own ends the chance to redo anything, moves included.
      if (type === 'undo' && !byUndoManager) this.moveRedo = []
      stackItem.meta.set(SEQ, byUndoManager ? this.lastPoppedSeq : ++this.seq)
    })
    undoManager.on('stack-item-popped', ({ stackItem }) => {
      this.lastPoppedSeq = (stackItem.meta.get(SEQ) as number | undefined) ?? 0
    })
  }

  /**
   * Makes this history follow every move of a block, this window's or another's (followMovedBlocks.ts);
   * `onMoved` hears of each. Returns the function that stops it.
   */
  followMoves(onMoved?: BlockMovedListener): () => void {
    return followMovedBlocks(this.undoManager, this.fragment, RESCUE_ORIGIN, onMoved)
  }

  /** Moves the top-level block at `from` to index `to`, as an undoable step. */
  move(from: number, to: number, comments: readonly Anchored[], beforeCommit?: (repairs: AnchorRepair[]) => void): AnchorRepair[] {
    this.undoManager.stopCapturing()
    const { repairs, copy } = moveTopLevelBlock(this.fragment, from, to, this.moveOrigin, comments, beforeCommit)
    this.moveUndo.push({ seq: ++this.seq, block: copy, returnTo: from })
    this.moveRedo = []
    this.undoManager.clear(false, true)
    return repairs
  }

  private top(stack: Y.UndoManager['undoStack']): number {
    return (stack[stack.length - 1]?.meta.get(SEQ) as number | undefined) ?? 0
  }

  canUndo(): boolean {
    return this.undoManager.canUndo() || this.moveUndo.length > 0
  }

  canRedo(): boolean {
    return this.undoManager.canRedo() || this.moveRedo.length > 0
  }

  /** Undoes the latest step; returns anchor repairs when that step was a move. */
  undo(comments: readonly Anchored[], beforeCommit?: (repairs: AnchorRepair[]) => void): AnchorRepair[] {
    const move = this.moveUndo[this.moveUndo.length - 1]
    if (!move || this.top(this.undoManager.undoStack) > move.seq) {
      this.undoManager.undo()
      return []
    }
    this.moveUndo.pop()
    const done = this.moveBack(move, comments, beforeCommit)
    if (done) this.moveRedo.push(done.entry)
    return done?.repairs ?? []
  }

  /** Redoes the most recently undone step. */
  redo(comments: readonly Anchored[], beforeCommit?: (repairs: AnchorRepair[]) => void): AnchorRepair[] {
    const move = this.moveRedo[this.moveRedo.length - 1]
    const textTop = this.undoManager.redoStack[this.undoManager.redoStack.length - 1]
    const textSeq = (textTop?.meta.get(SEQ) as number | undefined) ?? Infinity
    if (!move || (textTop && textSeq < move.seq)) {
      this.undoManager.redo()
      return []
    }
    this.moveRedo.pop()
    const done = this.moveBack(move, comments, beforeCommit)
    if (done) this.moveUndo.push(done.entry)
    return done?.repairs ?? []
  }

  /** Puts a moved block back where it was; nothing if someone else moved or deleted it meanwhile. */
  private moveBack(
    entry: MoveEntry,
    comments: readonly Anchored[],
    beforeCommit?: (repairs: AnchorRepair[]) => void,
  ): { entry: MoveEntry; repairs: AnchorRepair[] } | null {
    const current = this.fragment.toArray().indexOf(entry.block)
    if (current < 0) return null
    const to = Math.min(entry.returnTo, this.fragment.length - 1)
    const { repairs, copy } = moveTopLevelBlock(this.fragment, current, to, this.moveOrigin, comments, beforeCommit)
    return { entry: { seq: entry.seq, block: copy, returnTo: current }, repairs }
  }
}
