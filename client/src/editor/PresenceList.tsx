import { useEffect, useState } from 'react'
import type { Me, Role } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'
import { PersonTag } from '../ui/PersonTag'
import type { DocumentSession } from './DocumentSession'

interface Present {
  clientId: number
  id: string
  name: string
  org: string
  role: Role
  color: string
}

const samePeople = (a: readonly Present[], b: readonly Present[]) =>
  a.length === b.length && a.every((p, i) => { const q = b[i]!; return p.id === q.id && p.name === q.name && p.org === q.org && p.role === q.role && p.color === q.color })

/** Who is here: everyone with this draft open, as stamped by the server (never self-declared). */
export function PresenceList({ session, me }: { session: DocumentSession; me: Me }) {
  const { t, number } = useLocale()
  const [people, setPeople] = useState<Present[]>([])
  useEffect(() => {
    const awareness = session.provider.awareness
    const read = () => {
      // Our own state never comes back stamped (same clock), so we show ourselves from the session.
      const list: Present[] = [{ clientId: awareness.clientID, ...me, color: '#777' }]
      const seen = new Set<string>([me.id])
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: Partial<Present> }).user
        if (!user?.id || !user.name || !user.org || !user.role) return
        if (seen.has(user.id)) return // the same person in two tabs is listed once
        seen.add(user.id)
        list.push({ clientId, id: user.id, name: user.name, org: user.org, role: user.role, color: user.color ?? '#777' })
      })
      list.sort((a, b) => a.name.localeCompare(b.name))
      // Awareness changes with every caret move (each keystroke); the list only when people come, go or
      // change. Re-rendering for nothing is not free while typing: every React commit measures the
      // selection inside the focused editor, which walks the whole draft.
      setPeople((old) => (samePeople(old, list) ? old : list))
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [session, me])

  return (
    <section className="presence" aria-label={t('presence.label')}>
      <h2 className="presence-title">{t('presence.title', { n: number(people.length) })}</h2>
      <ul data-test="presence-list">
        {people.map((p) => (
          <li key={p.id} data-test="presence-item">
            <PersonTag name={p.name} org={p.org} role={p.role} color={p.color} />
          </li>
        ))}
      </ul>
    </section>
  )
}
