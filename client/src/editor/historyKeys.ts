import { Extension } from '@tiptap/core'
import type { DraftHistory } from './useDraftHistory'

/**
 * Ctrl/Cmd+Z, Ctrl+Y and Ctrl/Cmd+Shift+Z go to the tab's draft history (text and moves together),
 * ahead of the collaboration extension's own undo keys. A read-only draft never passes them here
 * (readOnlyDraft.ts takes every key but caret movement first).
 */
export const HistoryKeys = Extension.create<{ history: () => DraftHistory | null }>({
  name: 'draftHistoryKeys',
  priority: 1000,
  addOptions: () => ({ history: () => null }),
  addKeyboardShortcuts() {
    const run = (action: 'undo' | 'redo') => () => {
      const history = this.options.history()
      if (!history) return false
      history[action]()
      return true
    }
    return { 'Mod-z': run('undo'), 'Mod-y': run('redo'), 'Shift-Mod-z': run('redo') }
  },
})
