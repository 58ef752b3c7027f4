import { useEffect, useState } from 'react'
import { allows } from '../../../shared/policy'
import { ROLES, type Me, type Participant } from '../../../shared/types'
import { api } from '../api/http'
import { FocalPointBadge, FocalPointToggle } from '../participants/FocalPoint'
import { InviteForm, type LinkResult } from '../participants/InviteForm'
import { ROLE_LABEL, orgTitle } from '../ui/labels'
import { MailStatus } from '../notifications/MailStatus'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Column names: the table's headers, and each card's field names on a phone. */
const COLUMN = { name: 'Name', org: 'Member State / organization', role: 'Role', focalPoint: 'Focal point', signedIn: 'Last signed in' } as const

/** A link to show; `replacesEarlier` when it was made for someone already invited (their older links stopped working). */
type ShownLink = LinkResult & { replacesEarlier?: boolean }

function CopyableLink({ result, onClose }: { result: ShownLink; onClose: () => void }) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="card link-result" role="status" data-test="invite-link">
      <p>
        Personal sign-in link for <strong>{result.participant.name}</strong> ({result.participant.org}). Send it to them
        privately: it works once and signs them in as {ROLE_LABEL[result.participant.role].toLowerCase()}.
        {result.replacesEarlier && ` Earlier links for ${result.participant.name} no longer work.`}
      </p>
      <input readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} aria-label="Sign-in link" data-test="invite-link-value" />
      <div className="form-actions">
        <button
          onClick={() =>
            void navigator.clipboard?.writeText(result.link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <button onClick={onClose}>Done</button>
      </div>
    </div>
  )
}

/** Chairs manage who takes part: invite, change role, send a new link, revoke. */
export function ParticipantsPage({ me }: { me: Me }) {
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
        <h1>Participants</h1>
        <p>Only chairs manage participants.</p>
      </div>
    )
  }

  return (
    <div className="page participants-page">
      <div>
        <h1>Participants</h1>
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
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people?.map((p) => (
              <tr key={p.id} className={p.revokedAt ? 'revoked' : ''} data-test="participant-row">
                <td className="participant-name">
                  {p.name}
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
                    <span className="muted">Revoked</span>
                  ) : (
                    <select
                      aria-label={`Role of ${p.name}`}
                      value={p.role}
                      disabled={p.id === me.id}
                      onChange={(e) => void act(() => api(`/participants/${p.id}`, { method: 'PATCH', body: { role: e.target.value } }))}
                      data-test="participant-role"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td data-label={COLUMN.focalPoint} className="cell-focal-point">
                  <FocalPointToggle participant={p} onChanged={load} />
                </td>
                <td data-label={COLUMN.signedIn} data-test="participant-signed-in">
                  {p.lastSignInAt ? dateFormat.format(new Date(p.lastSignInAt)) : !p.apiTokenSince && <span className="muted">Never</span>}
                  {p.apiTokenSince && (
                    <div className="muted">
                      {p.lastSignInAt ? 'Also by API token' : 'Only by API token'}, since {dateFormat.format(new Date(p.apiTokenSince))}
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
                        New link
                      </button>
                      {p.id !== me.id && (
                        <button
                          className="link-button danger"
                          onClick={() =>
                            window.confirm(`Revoke ${p.name}? They are signed out everywhere at once.`) &&
                            void act(() => api(`/participants/${p.id}`, { method: 'DELETE' }))
                          }
                          data-test="revoke-button"
                        >
                          Revoke
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
