import { orgName } from '../../../shared/countries'

/** A collaborator's caret with a label "Name · ORG · role" in their colour. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#777777'
  const name = typeof user.name === 'string' ? user.name : 'Someone'
  const org = typeof user.org === 'string' ? user.org : ''
  const role = typeof user.role === 'string' ? user.role : ''
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = [name, org, role].filter(Boolean).join(' · ')
  label.title = [name, org && (orgName(org) ?? org), role].filter(Boolean).join(', ')
  label.setAttribute('data-test', 'caret-label')
  caret.append(label)
  return caret
}
