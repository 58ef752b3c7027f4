import { Trans } from 'react-i18next'
import { useLocale } from '../i18n/useLocale'
import { Link } from '../routing/Link'

export function NotFoundPage() {
  const { t } = useLocale()
  return (
    <div className="page narrow">
      <h1>{t('notFound.heading')}</h1>
      <p>
        <Trans i18nKey="notFound.text" components={{ link: <Link href="/" /> }} />
      </p>
    </div>
  )
}
