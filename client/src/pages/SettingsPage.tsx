import { type FormEvent, useEffect, useState } from 'react'
import { EMAIL_CHOICES, NOTIFICATION_KINDS, type NotificationPreferences, type PreferencesView } from '../../../shared/notifications'
import type { Me } from '../../../shared/types'
import { api } from '../api/http'
import { useLocale } from '../i18n/useLocale'

/** Every time zone the browser knows, with the reader's own first. */
function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set([current, Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC', ...all])]
}

/** What Accord e-mails the signed-in person, per kind of event, and when their daily digest goes out. */
export function SettingsPage({ me }: { me: Me }) {
  const { t } = useLocale()
  const [view, setView] = useState<PreferencesView | null>(null)
  const [draft, setDraft] = useState<NotificationPreferences | null>(null)
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null)

  useEffect(() => {
    api<PreferencesView>('/me/preferences').then(
      (v) => {
        setView(v)
        setDraft(v.preferences)
      },
      (err: Error) => setStatus({ error: true, text: err.message }),
    )
  }, [])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (!draft) return
    setStatus(null)
    try {
      const saved = await api<PreferencesView>('/me/preferences', { method: 'PATCH', body: draft })
      setView(saved)
      setDraft(saved.preferences)
      setStatus({ error: false, text: t('settings.saved') })
    } catch (err) {
      setStatus({ error: true, text: (err as Error).message })
    }
  }

  if (!view || !draft) {
    return (
      <div className="page narrow">
        <h1>{t('settings.heading')}</h1>
        {status && <p className="error" role="alert">{status.text}</p>}
      </div>
    )
  }
  const kinds = NOTIFICATION_KINDS.filter((k) => k !== 'newComment' || me.role === 'chair')
  return (
    <form className="page narrow settings-page" onSubmit={save} data-test="settings-form">
      <h1>{t('settings.heading')}</h1>
      <h2>{t('settings.emailHeading')}</h2>
      <p data-test="settings-email-state">
        {!view.emailOn
          ? t('settings.emailOff')
          : view.address
            ? t('settings.emailTo', { address: view.address })
            : t('settings.noAddress')}
      </p>
      <table className="data-table settings-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.when')}</th>
            <th scope="col">{t('settings.email')}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind}>
              <th scope="row" id={`kind-${kind}`}>
                {t(`notification.kind.${kind}`)}
              </th>
              <td>
                <fieldset aria-labelledby={`kind-${kind}`}>
                  {EMAIL_CHOICES.map((choice) => (
                    <label key={choice}>
                      <input
                        type="radio"
                        name={kind}
                        value={choice}
                        checked={draft.email[kind] === choice}
                        onChange={() => setDraft({ ...draft, email: { ...draft.email, [kind]: choice } })}
                        data-test={`pref-${kind}-${choice}`}
                      />{' '}
                      {t(`settings.choice.${choice}`)}
                    </label>
                  ))}
                </fieldset>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="settings-digest">
        <label>
          {t('settings.digestAt')}
          <input type="time" required value={draft.digestTime} onChange={(e) => setDraft({ ...draft, digestTime: e.target.value })} data-test="pref-digest-time" />
        </label>
        <label>
          {t('settings.timeZone')}
          <select value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} data-test="pref-time-zone">
            {timeZones(draft.timeZone).map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </select>
        </label>
      </div>
      {status && (
        <p className={status.error ? 'error' : 'muted'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      <button type="submit" className="primary" data-test="settings-save">
        {t('common.save')}
      </button>
    </form>
  )
}
