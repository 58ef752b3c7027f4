import { Router } from 'express'
import { fail } from '../../shared/errors'
import { escapeHtml, htmlPage } from '../../shared/html'
import { preferredLanguage } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import type { NotificationService } from '../notifications/NotificationService'

const PAGE_STYLE = 'body{font-family:Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}'

/**
 * The unsubscribe link in every e-mail: no sign-in, the signed token says who and what. `GET` is the link a
 * person clicks (a page saying what was turned off); `POST` is the one-click unsubscribe mail programs make
 * from the List-Unsubscribe header (RFC 8058), which sends a form body, so this router is mounted before
 * the API's JSON-only check.
 */
export function unsubscribeRoutes(notifications: NotificationService, settingsUrl: () => string): Router {
  const router = Router()

  router.get('/unsubscribe', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    const done = await notifications.unsubscribe(token)
    res.setHeader('Cache-Control', 'no-store')
    // In the language they chose in Accord; before one is known, the browser's.
    const language = done?.participant.language ?? preferredLanguage(req.acceptsLanguages())
    const t = sharedTranslate(language)
    if (!done) {
      const body = `<p>${escapeHtml(t('errors.notification.unsubscribeInvalid'))}</p>`
      res.status(400).type('html').send(htmlPage(t('unsubscribe.titleInvalid'), PAGE_STYLE, body, language))
      return
    }
    const what = done.scope === 'digest' ? t('unsubscribe.digest') : t('unsubscribe.kind', { kind: t(`notification.kind.${done.scope}`).toLocaleLowerCase(language) })
    const link = `<a href="${escapeHtml(settingsUrl())}">${escapeHtml(t('unsubscribe.settingsLink'))}</a>`
    const [before = '', after = ''] = t('unsubscribe.settings', { settings: '\u0000' }).split('\u0000')
    const body = `<p data-test="unsubscribed">${escapeHtml(t('unsubscribe.done', { name: done.participant.name, what }))}</p><p>${escapeHtml(before)}${link}${escapeHtml(after)}</p>`
    res.type('html').send(htmlPage(t('unsubscribe.titleDone'), PAGE_STYLE, body, language))
  })

  router.post('/unsubscribe', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    const done = await notifications.unsubscribe(token)
    if (!done) fail('notification.unsubscribeInvalid')
    res.json({ unsubscribed: done.scope })
  })

  return router
}
