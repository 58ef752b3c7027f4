import { type FormEvent, useState } from 'react'
import { mayBeFocalPoint } from '../../../shared/policy'
import { ROLES, type Participant, type Role } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** What inviting someone (or a new link for them) answers: the participant and their personal sign-in link. */
export interface LinkResult {
  participant: Participant
  link: string
}

/** Most people invited are delegates; after each invitation the form starts again from here. */
const DEFAULT_ROLE: Role = 'commenter'

/** The chair's form for inviting someone: name, Member State or organization, email, role, focal point. */
export function InviteForm({ onInvited }: { onInvited: (r: LinkResult) => void }) {
  const { t } = useLocale()
  const [name, setName] = useState('')
  const [org, setOrg] = useState('')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>(DEFAULT_ROLE)
  const [focalPoint, setFocalPoint] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Offered only where the server allows it; a tick left from before the role or org changed is not sent.
  const mayBeFocal = mayBeFocalPoint({ org, role })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      const body = { name, org, email, role, ...(focalPoint && mayBeFocal ? { focalPoint: true } : {}) }
      onInvited(await api<LinkResult>('/participants', { method: 'POST', body }))
      setName('')
      setOrg('')
      setEmail('')
      // Left as it was, the next person would silently get the same role (a second chair, say).
      setRole(DEFAULT_ROLE)
      setFocalPoint(false)
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <form className="card invite-form" onSubmit={submit} data-test="invite-form">
      <h2>{t('participants.invite.heading')}</h2>
      <label htmlFor="invite-name">{t('participants.invite.name')}</label>
      <input id="invite-name" data-test="invite-name" dir="auto" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      <label htmlFor="invite-org">{t('participants.invite.org')}</label>
      <input
        id="invite-org"
        data-test="invite-org"
        value={org}
        onChange={(e) => setOrg(e.target.value.toUpperCase())}
        required
        placeholder={t('participants.invite.orgPlaceholder')}
        maxLength={10}
        aria-describedby="invite-org-help"
      />
      <small id="invite-org-help">{t('participants.invite.orgHelp')}</small>
      <label htmlFor="invite-email">{t('participants.invite.email')}</label>
      <input id="invite-email" data-test="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="invite-role">{t('participants.invite.role')}</label>
      <select id="invite-role" data-test="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={focalPoint && mayBeFocal}
          disabled={!mayBeFocal}
          onChange={(e) => setFocalPoint(e.target.checked)}
          aria-describedby="invite-focal-help"
          data-test="invite-focal-point"
        />
        {t('participants.invite.focalPoint')}
      </label>
      <small id="invite-focal-help">
        {mayBeFocal ? t('participants.invite.focalHelp') : t('participants.invite.focalHelpNo')}
      </small>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-test="invite-submit">
        {t('participants.invite.submit')}
      </button>
    </form>
  )
}
