import { Router } from 'express'
import { englishMessage } from '../../shared/errorMessages'
import { fail } from '../../shared/errors'
import { escapeHtml, htmlPage } from '../../shared/html'
import { KIND_LABELS } from '../../shared/notificationText'
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
    if (!done) {
      res.status(400).type('html').send(htmlPage('Unsubscribe', PAGE_STYLE, `<p>${escapeHtml(englishMessage('notification.unsubscribeInvalid', {}))}</p>`))
      return
    }
    const what = done.scope === 'digest' ? 'your daily digest' : `e-mails about: ${KIND_LABELS[done.scope].toLowerCase()}`
    res
      .type('html')
      .send(
        htmlPage(
          'Unsubscribed',
          PAGE_STYLE,
          `<p data-test="unsubscribed">${escapeHtml(done.participant.name)}, Accord will no longer send you ${escapeHtml(what)}.</p><p>Change what Accord e-mails you in <a href="${escapeHtml(settingsUrl())}">Settings</a>.</p>`,
        ),
      )
  })

  router.post('/unsubscribe', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    const done = await notifications.unsubscribe(token)
    if (!done) fail('notification.unsubscribeInvalid')
    res.json({ unsubscribed: done.scope })
  })

  return router
}
