import type { ErrorCode, ErrorParams } from '../../../shared/errors'
import { errorText, isErrorCode } from '../../../shared/i18n/errorText'
import { DEFAULT_LANGUAGE, type Language, isLanguage } from '../../../shared/i18n/languages'
import { sharedTranslate } from '../../../shared/i18n/sharedTranslate'

/**
 * The language messages are formatted in: the page's own (`<html lang>`, which follows the reader's
 * choice), so an error reads like the rest of the screen wherever it is caught; English outside a page.
 */
function pageLanguage(): Language {
  const lang = typeof document === 'undefined' ? null : document.documentElement.lang
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE
}

const message = <C extends ErrorCode>(code: C, params: ErrorParams[C]) => {
  const language = pageLanguage()
  return errorText(sharedTranslate(language), language, code, params)
}

/** An API error, its message formatted from the server's error code, ready to show to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode | null = null,
  ) {
    super(message)
  }

  /** The error for a request that never reached the server. */
  static unreachable(): ApiError {
    return new ApiError(0, message('network.unreachable', {}), 'network.unreachable')
  }
}

/**
 * The message of a failed answer's body `{ error, code, params }`: formatted here from the code in the
 * reader's language, else the server's own text, else a plain one from the status.
 */
export function apiError(status: number, body: unknown): ApiError {
  const { error, code, params } = (body ?? {}) as { error?: unknown; code?: unknown; params?: unknown }
  if (isErrorCode(code) && typeof params === 'object' && params !== null) {
    return new ApiError(status, message(code, params as ErrorParams[typeof code]), code)
  }
  const language = pageLanguage()
  return new ApiError(status, typeof error === 'string' ? error : sharedTranslate(language)('errors.words.serverAnswered', { status }))
}

/** Calls the JSON API; rejects with an ApiError carrying the server's error. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw ApiError.unreachable()
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: fall through to the status-based message.
  }
  if (!res.ok) throw apiError(res.status, json)
  return json as T
}
