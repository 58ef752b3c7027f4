import type { Role } from '../../../shared/types'
import { useLocale } from '../i18n/useLocale'

/** A person as shown everywhere: name, org code (with the Member State's name on hover) and role. */
export function PersonTag({ name, org, role, color }: { name: string; org: string; role?: Role; color?: string }) {
  const { t, orgTitle } = useLocale()
  return (
    <span className="person-tag">
      {color && <span className="person-dot" style={{ backgroundColor: color }} aria-hidden="true" />}
      <span className="person-name" dir="auto">
        {name}
      </span>
      <abbr className="org-code" title={orgTitle(org)}>
        {org}
      </abbr>
      {role && <span className={`role-badge role-${role}`}>{t(`role.${role}`)}</span>}
    </span>
  )
}
