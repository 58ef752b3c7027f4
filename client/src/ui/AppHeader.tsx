import { allows } from '../../../shared/policy'
import type { Language } from '../../../shared/i18n/languages'
import type { Me } from '../../../shared/types'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher'
import { useLocale } from '../i18n/useLocale'
import { NotificationBell } from '../notifications/NotificationBell'
import { Link } from '../routing/Link'
import { PersonTag } from './PersonTag'

export function AppHeader({ me, onSignOut, onLanguage }: { me: Me; onSignOut: () => void; onLanguage: (language: Language) => void }) {
  const { t } = useLocale()
  return (
    <header className="app-header">
      <Link href="/" className="brand" aria-label={t('app.brandLabel')}>
        <img src="/favicon.svg" alt="" width={24} height={24} />
        Accord
      </Link>
      <nav className="app-nav" aria-label={t('app.mainNav')}>
        <Link href="/">{t('app.drafts')}</Link>
        {allows(me, 'participants.manage') && <Link href="/participants">{t('app.participants')}</Link>}
        <Link href="/settings">{t('app.settings')}</Link>
      </nav>
      <div className="app-user" data-test="current-user">
        <LanguageSwitcher onChange={onLanguage} />
        <NotificationBell />
        <PersonTag name={me.name} org={me.org} role={me.role} />
        <button className="link-button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </div>
    </header>
  )
}
