import type { Awareness } from 'y-protocols/awareness'
import type { Locale } from '../i18n/useLocale'

/**
 * A collaborator's caret: a line and a small flag in their colour, and a label "Name · ORG · role".
 * The label sits above the caret, over the line above, so it shows only while they move or type (and
 * while the flag is hovered), then fades (editor.css); the flag's tooltip names them all the time.
 */
export function renderCaret(user: Record<string, unknown>, { t, orgTitle }: Pick<Locale, 't' | 'orgTitle'>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#777777'
  const name = typeof user.name === 'string' ? user.name : t('editor.someone')
  const org = typeof user.org === 'string' ? user.org : ''
  const role = typeof user.role === 'string' ? t(`role.${user.role}`, { defaultValue: user.role }).toLocaleLowerCase() : ''
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.style.borderColor = color
  if (typeof user.id === 'string') caret.dataset.userId = user.id
  const flag = document.createElement('span')
  flag.className = 'collaboration-carets__flag'
  flag.style.backgroundColor = color
  flag.title = [name, org && orgTitle(org), role].filter(Boolean).join(', ')
  flag.setAttribute('data-test', 'caret-flag')
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = [name, org, role].filter(Boolean).join(' · ')
  label.setAttribute('data-test', 'caret-label')
  caret.append(flag, label)
  return caret
}

/**
 * Shows a collaborator's label again each time their caret moves (or they type): the caret's element
 * is kept while it moves within a paragraph, so its fading animation would not start over by itself.
 * Returns the function that stops listening.
 */
export function showLabelsOnActivity(root: HTMLElement, awareness: Awareness): () => void {
  const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    const states = awareness.getStates()
    for (const clientId of [...added, ...updated]) {
      const id = (states.get(clientId) as { user?: { id?: unknown } } | undefined)?.user?.id
      if (typeof id !== 'string') continue
      for (const caret of root.querySelectorAll(`.collaboration-carets__caret[data-user-id="${CSS.escape(id)}"]`)) {
        for (const animation of caret.querySelector('.collaboration-carets__label')?.getAnimations() ?? []) {
          animation.currentTime = 0
          animation.play()
        }
      }
    }
  }
  awareness.on('change', onChange)
  return () => awareness.off('change', onChange)
}
