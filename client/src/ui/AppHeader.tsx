import { allows } from '../../../shared/policy'
import type { Me } from '../../../shared/types'
import { NotificationBell } from '../notifications/NotificationBell'
import { Link } from '../routing/Link'
import { PersonTag } from './PersonTag'

export function AppHeader({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand" aria-label="Accord: drafts">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        Accord
      </Link>
      <nav className="app-nav" aria-label="Main">
        <Link href="/">Drafts</Link>
        {allows(me, 'participants.manage') && <Link href="/participants">Participants</Link>}
        <Link href="/settings">Settings</Link>
      </nav>
      <div className="app-user" data-test="current-user">
        <NotificationBell />
        <PersonTag name={me.name} org={me.org} role={me.role} />
        <button className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  )
}
