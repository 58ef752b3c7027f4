import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { BLOCK_ID, type BlockIdCandidate, blocksNeedingIds, newBlockId } from '../../../shared/schema/blockIds'

const key = new PluginKey('blockIds')

/**
 * Gives every top-level block a stable id (shared/schema/blockIds.ts) after any change: new blocks,
 * blocks of drafts made before ids existed, and one half of a split block (Enter copies the attributes).
 * Not an undo step of its own. `editable` is asked each time: read-only editors cannot write the draft.
 */
export function blockIdsPlugin(editable: () => boolean): Plugin {
  return new Plugin({
    key,
    appendTransaction: (transactions, _old, state) => {
      if (!editable() || !transactions.some((tr) => tr.docChanged)) return null
      const offsets: number[] = []
      const candidates: BlockIdCandidate[] = []
      // Per keystroke: only ids are read, text lengths only for blocks that share one.
      state.doc.forEach((node, offset) => {
        offsets.push(offset)
        candidates.push({ id: node.attrs[BLOCK_ID], textLength: () => node.textContent.length })
      })
      const renew = blocksNeedingIds(candidates)
      if (renew.length === 0) return null
      const tr = state.tr.setMeta('addToHistory', false)
      for (const i of renew) tr.setNodeAttribute(offsets[i]!, BLOCK_ID, newBlockId())
      return tr
    },
  })
}

/**
 * The editor's part in block ids. Editors that give ids to the same block at once (two people opening a
 * draft made before ids) converge on one of them through Yjs.
 *
 * Not in DraftEditor's extensions yet: with ids on recommendations, the browser test "A keeps typing while
 * B moves the recommendation up, types in it and moves it back" loses and scrambles A's words (it passes
 * with ids on other blocks only, and with this plugin off but ids written by the server it still fails).
 * Until that race is understood, drafts get no ids and the redline matches blocks by their text.
 */
export const BlockIds = Extension.create({
  name: 'blockIds',
  addProseMirrorPlugins() {
    return [blockIdsPlugin(() => this.editor.isEditable)]
  },
})
