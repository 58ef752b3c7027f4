import { describe, expect, it } from 'vitest'
import { apiError } from '../../client/src/api/http'
import { AccordError } from '../../shared/errors'
import { englishMessage } from '../../shared/errorMessages'
import { ERROR_STATUS } from '../../server/http/errorStatus'
import { errorResponse } from '../../server/http/errors'

/**
 * Errors travel as codes with parameters: the server maps a code to its status and English text in one
 * place, and the browser formats the message from the code, so it can later speak the reader's language.
 */
describe('error codes', () => {
  it('map to client and server error statuses only', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400)
      expect(status, code).toBeLessThan(600)
    }
  })

  it('answer with the English message, the code and its parameters, plus any details', () => {
    const { status, body } = errorResponse('import.rowsRejected', { rows: 2 }, { errors: [{ row: 3, reason: 'x' }] })
    expect(status).toBe(422)
    expect(body).toEqual({
      error: '2 rows have problems, so nothing was imported. Fix the rows listed in "errors" and upload the table again.',
      code: 'import.rowsRejected',
      params: { rows: 2 },
      errors: [{ row: 3, reason: 'x' }],
    })
  })

  it('are formatted by the browser from the code, not taken from the server’s text', () => {
    const err = new AccordError('policy.commentNotOpen', { commentId: 'NO-003', status: 'resolved' })
    const shown = apiError(409, { error: 'text the server wrote', code: err.code, params: err.params })
    expect(shown.message).toBe('NO-003 is resolved; only open comments can be changed.')
    expect(shown.code).toBe('policy.commentNotOpen')
  })

  it('fall back to the server’s text for a code this browser does not know, then to the status', () => {
    expect(apiError(418, { error: 'A newer server speaks.', code: 'teapot.new', params: {} }).message).toBe('A newer server speaks.')
    expect(apiError(502, null).message).toBe('The server answered 502.')
  })

  it('say which roles may, in plain English', () => {
    expect(englishMessage('policy.role', { allowed: ['chair', 'editor'], role: 'observer' })).toBe(
      'Only chairs and editors may do this; you are signed in as observer.',
    )
  })
})
