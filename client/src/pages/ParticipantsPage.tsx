import { useEffect, useState } from 'react'
import { Trans } from 'react-i18next'
import { allows } from '../../../shared/policy'
import { ROLES, type Me, type Participant } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'
import { FocalPointBadge, FocalPointToggle } from '../participants/FocalPoint'
import { InviteForm, type LinkResult } from '../participants/InviteForm'
import { MailStatus } from '../notifications/MailStatus'

/** A link to show; `replacesEarlier` when it was made for someone already invited (their older links stopped working). */
type ShownLink = LinkResult & { replacesEarlier?: boolean }

function CopyableLink({ result, onClose }: { result: ShownLink; onClose: () => void }) {
  const { t } = useLocale()
  const [copied, setCopied] = useState(false)
  const { name, org, role } = result.participant
  return (
    <div className="card link-result" role="status" data-test="invite-link">
      <p>
        <Trans i18nKey="participants.linkFor" values={{ name, org, role: t(`participants.asRole.${role}`) }} components={{ b: <strong /> }} />
        {result.replacesEarlier && ` ${t('participants.earlierLinks', { name })}`}
      </p>
      <input readOnly value={result.link} dir="ltr" onFocus={(e) => e.currentTarget.select()} aria-label={t('participants.signInLink')} data-test="invite-link-value" />
      <div className="form-actions">
        <button
          onClick={() =>
            void navigator.clipboard?.writeText(result.link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('participants.copied') : t('participants.copyLink')}
        </button>
        <button onClick={onClose}>{t('common.done')}</button>
      </div>
    </div>
  )
}

/** Chairs manage who takes part: invite, change role, send a new link, revoke. */
export function ParticipantsPage({ me }: { me: Me }) {
  const { t, orgTitle, dateTime } = useLocale()
  /** Column names: the table's headers, and each card's field names on a phone. */
  const COLUMN = {
    name: t('participants.name'),
    org: t('participants.org'),
    role: t('participants.role'),
    focalPoint: t('participants.focalPoint'),
    signedIn: t('participants.signedIn'),
  }
  const [people, setPeople] = useState<Participant[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [link, setLink] = useState<ShownLink | null>(null)

  const load = () => api<Participant[]>('/participants').then(setPeople, (err: Error) => setError(err.message))
  useEffect(() => {
    void load()
  }, [])

  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      await load()
    } catch (err) {
      setError((err as Error).message)
    }
  }

  if (!allows(me, 'participants.manage')) {
    return (
      <div className="page narrow" role="alert">
        <h1>{t('participants.heading')}</h1>
        <p>{t('participants.chairsOnly')}</p>
      </div>
    )
  }

  return (
    <div className="page participants-page">
      <div>
        <h1>{t('participants.heading')}</h1>
        <MailStatus />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {link && <CopyableLink result={link} onClose={() => setLink(null)} />}
        <table className="data-table cards-on-phone" data-test="participants-table">
          <thead>
            <tr>
              <th scope="col">{COLUMN.name}</th>
              <th scope="col">{COLUMN.org}</th>
              <th scope="col">{COLUMN.role}</th>
              <th scope="col">{COLUMN.focalPoint}</th>
              <th scope="col">{COLUMN.signedIn}</th>
              <th scope="col">
                <span className="visually-hidden">{t('participants.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people?.map((p) => (
              <tr key={p.id} className={p.revokedAt ? 'revoked' : ''} data-test="participant-row">
                <td className="participant-name">
                  <span dir="auto">{p.name}</span>
                  {p.focalPoint && !p.revokedAt && (
                    <>
                      {' '}
                      <FocalPointBadge />
                    </>
                  )}
                  {p.email && <div className="muted">{p.email}</div>}
                </td>
                <td data-label={COLUMN.org}>
                  <abbr title={orgTitle(p.org)}>{p.org}</abbr> <span className="muted">{orgTitle(p.org)}</span>
                </td>
                <td data-label={COLUMN.role}>
                  {p.revokedAt ? (
                    <span className="muted">{t('participants.revoked')}</span>
                  ) : (
                    <select
                      aria-label={t('participants.roleOf', { name: p.name })}
                      value={p.role}
                      disabled={p.id === me.id}
                      onChange={(e) => void act(() => api(`/participants/${p.id}`, { method: 'PATCH', body: { role: e.target.value } }))}
                      data-test="participant-role"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td data-label={COLUMN.focalPoint} className="cell-focal-point">
                  <FocalPointToggle participant={p} onChanged={load} />
                </td>
                <td data-label={COLUMN.signedIn} data-test="participant-signed-in">
                  {p.lastSignInAt ? dateTime(p.lastSignInAt) : !p.apiTokenSince && <span className="muted">{t('participants.never')}</span>}
                  {p.apiTokenSince && (
                    <div className="muted">
                      {t(p.lastSignInAt ? 'participants.alsoToken' : 'participants.onlyToken', { date: dateTime(p.apiTokenSince) })}
                    </div>
                  )}
                </td>
                <td className="row-actions">
                  {!p.revokedAt && (
                    <>
                      <button
                        className="link-button"
                        onClick={() =>
                          void act(async () =>
                            setLink({ ...(await api<LinkResult>(`/participants/${p.id}/link`, { method: 'POST' })), replacesEarlier: true }),
                          )
                        }
                      >
                        {t('participants.newLink')}
                      </button>
                      {p.id !== me.id && (
                        <button
                          className="link-button danger"
                          onClick={() =>
                            window.confirm(t('participants.confirmRevoke', { name: p.name })) &&
                            void act(() => api(`/participants/${p.id}`, { method: 'DELETE' }))
                          }
                          data-test="revoke-button"
                        >
                          {t('participants.revoke')}
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <InviteForm
        onInvited={(r) => {
          setLink(r)
          void load()
        }}
      />
    </div>
  )
}
