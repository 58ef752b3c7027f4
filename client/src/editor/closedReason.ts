import { englishMessage } from '../../../shared/errorMessages'
import type { Translate } from '../../../shared/i18n/translator'

/** The codes whose English text the server gives as the reason when it closes a draft's connection. */
const CLOSE_CODES = ['auth.revoked', 'auth.sessionEnded'] as const

/**
 * Why the server closed the connection, in the reader's language: a WebSocket's close reason is text (the
 * English message of an error code), so a known one is told again from its code; any other as it came.
 */
export function closedReasonText(t: Translate, reason: string): string {
  const code = CLOSE_CODES.find((c) => englishMessage(c, {}) === reason)
  return code ? t(`errors.${code}`) : reason
}
