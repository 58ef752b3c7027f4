import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import {
  type PendingSuggestion,
  type SuggestionStep,
  type TextblockSpan,
  applySuggestionStep,
  touches,
} from '../../../shared/suggestions/pendingSuggestion'

/** Suggesting mode as the editor holds it: on or off, and the suggestions typed but not posted yet. */
export interface SuggestingState {
  on: boolean
  pending: readonly PendingSuggestion[]
  /** The one the last gesture went into (its Post button is offered first). */
  active: number | null
}

type Action = { on: boolean } | { pending: readonly PendingSuggestion[]; active: number | null }

export const suggestingKey = new PluginKey<SuggestingState>('suggesting')

export const suggestingState = (state: EditorState): SuggestingState => suggestingKey.getState(state) ?? { on: false, pending: [], active: null }

/** A suggestion's positions through an edit of the draft (a collaborator's): its words keep their edges. */
function mapped(tr: Transaction, s: PendingSuggestion): PendingSuggestion | null {
  const from = tr.mapping.map(s.from, s.from === s.to ? -1 : 1)
  const to = Math.max(from, tr.mapping.map(s.to, -1))
  return from === to && !s.inserted ? null : { from, to, inserted: s.inserted }
}

/** The textblock the selection starts in, as the suggestion arithmetic reads it (one character per position). */
function textblockAt(state: EditorState): TextblockSpan | null {
  const $from = state.selection.$from
  if (!$from.parent.isTextblock) return null
  const start = $from.start()
  return { start, end: $from.end(), text: $from.parent.textBetween(0, $from.parent.content.size, '\n', '\n') }
}

/** What a browser input event asks for, as a suggestion step; null for what suggesting ignores (Enter). */
function stepOf(event: InputEvent, from: number, to: number): SuggestionStep | null {
  switch (event.inputType) {
    case 'insertText':
    case 'insertReplacementText':
      return event.data ? { kind: 'type', from, to, text: event.data } : null
    case 'deleteContentBackward':
    case 'deleteWordBackward':
    case 'deleteSoftLineBackward':
    case 'deleteByCut':
      return { kind: 'backspace', from, to }
    case 'deleteContentForward':
    case 'deleteWordForward':
    case 'deleteSoftLineForward':
      return { kind: 'delete', from, to }
    default:
      return null
  }
}

/** A gesture on the selection, or on the range given. */
export type SuggestionGesture = { from?: number; to?: number } & ({ kind: 'type'; text: string } | { kind: 'backspace' | 'delete' })

/** Applies one gesture to the suggestion it meets (or a new one) and puts the caret after its typed words. */
export function suggest(view: EditorView, step: SuggestionGesture): boolean {
  const state = view.state
  const block = textblockAt(state)
  if (!block) return false
  const from = step.from ?? state.selection.from
  // A suggestion stays within one paragraph: a selection running on is cut at its end.
  const to = Math.min(step.to ?? state.selection.to, block.end)
  const full = { ...step, from, to } as SuggestionStep
  const { pending } = suggestingState(state)
  const inBlock = (p: PendingSuggestion) => p.from >= block.start && p.to <= block.end
  const hit = pending.findIndex((p) => inBlock(p) && touches(p, from, to))
  const next = applySuggestionStep(hit >= 0 ? pending[hit]! : null, full, block)
  const list = [...pending]
  let active: number | null
  if (hit >= 0 && next) {
    list[hit] = next
    active = hit
  } else if (hit >= 0) {
    list.splice(hit, 1)
    active = null
  } else if (next) {
    list.push(next)
    active = list.length - 1
  } else {
    active = null
  }
  const caret = next ? next.to : from
  const tr = state.tr.setMeta(suggestingKey, { pending: list, active } satisfies Action).setMeta('addToHistory', false)
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, Math.min(caret, tr.doc.content.size))))
  return true
}

/** A typed-in suggestion drawn as Word would: the draft's words struck through, the typed ones after them. */
function pendingDecorations(state: EditorState): DecorationSet {
  const { on, pending, active } = suggestingState(state)
  if (pending.length === 0) return DecorationSet.empty
  const decorations: Decoration[] = []
  pending.forEach((s, i) => {
    const cls = `suggestion pending${i === active ? ' active' : ''}${on ? '' : ' paused'}`
    if (s.from < s.to) decorations.push(Decoration.inline(s.from, s.to, { nodeName: 'del', class: cls, 'data-suggestion': String(i) }))
    if (s.inserted) {
      // Before the caret (side -1): the caret the person types at stands after the words they typed.
      decorations.push(
        Decoration.widget(
          s.to,
          () => {
            const ins = document.createElement('ins')
            ins.className = cls
            ins.dataset.suggestion = String(i)
            ins.textContent = s.inserted
            return ins
          },
          { side: -1, key: `pending:${i}:${s.inserted}`, ignoreSelection: true },
        ),
      )
    }
  })
  return DecorationSet.create(state.doc, decorations)
}

/**
 * Suggesting mode: while on, typing, deleting, cutting and pasting never change the draft; each gesture
 * builds a pending suggestion (shared/suggestions/pendingSuggestion.ts) drawn inline as a tracked change,
 * and the draft stays read-only (readOnlyDraft.ts refuses every change and editing key). Runs ahead of
 * readOnlyDraft so that it sees the browser's input first. Enter and IME composition are not suggested
 * (a suggestion stays within one paragraph; the composer takes any wording).
 */
export const SuggestingMode = Extension.create<{ onChange: (state: SuggestingState) => void }>({
  name: 'suggestingMode',
  priority: 10_001,
  addOptions: () => ({ onChange: () => undefined }),
  addProseMirrorPlugins() {
    const onChange = this.options.onChange
    return [
      new Plugin<SuggestingState>({
        key: suggestingKey,
        state: {
          init: () => ({ on: false, pending: [], active: null }),
          apply(tr, value) {
            const action = tr.getMeta(suggestingKey) as Action | undefined
            if (action && 'on' in action) return { ...value, on: action.on }
            if (action) return { ...value, pending: action.pending, active: action.active }
            if (!tr.docChanged || value.pending.length === 0) return value
            const pending = value.pending.map((s) => mapped(tr, s))
            const kept = pending.filter((s): s is PendingSuggestion => s !== null)
            return { ...value, pending: kept, active: value.active !== null && pending[value.active] ? kept.indexOf(pending[value.active]!) : null }
          },
        },
        view: () => ({
          update(view, prev) {
            if (suggestingKey.getState(prev) !== suggestingKey.getState(view.state)) onChange(suggestingState(view.state))
          },
        }),
        props: {
          decorations: pendingDecorations,
          handleDOMEvents: {
            beforeinput(view, event) {
              if (!suggestingState(view.state).on) return false
              event.preventDefault()
              const { from, to } = view.state.selection
              const step = stepOf(event, from, to)
              if (step) suggest(view, step)
              return true
            },
            paste(view, event) {
              if (!suggestingState(view.state).on) return false
              event.preventDefault()
              // Line breaks of pasted text join the paragraph: a suggestion stays within one.
              const text = (event.clipboardData?.getData('text/plain') ?? '').replace(/\s*\r?\n\s*/g, ' ')
              if (text) suggest(view, { kind: 'type', text })
              return true
            },
            drop(view, event) {
              if (!suggestingState(view.state).on) return false
              event.preventDefault()
              return true
            },
          },
        },
      }),
    ]
  },
})

/** Turns suggesting mode on or off (the draft is made read-only by the caller while it is on). */
export function setSuggesting(view: EditorView, on: boolean): void {
  if (suggestingState(view.state).on === on) return
  view.dispatch(view.state.tr.setMeta(suggestingKey, { on } satisfies Action).setMeta('addToHistory', false))
}

/** Replaces the pending suggestions (restored from storage, one posted or discarded). */
export function setPending(view: EditorView, pending: readonly PendingSuggestion[], active: number | null = null): void {
  view.dispatch(view.state.tr.setMeta(suggestingKey, { pending, active } satisfies Action).setMeta('addToHistory', false))
}
