import type { CodedError, ErrorCode, ErrorParams } from './errors'
import { codedErrorText, errorText } from './i18n/errorText'
import { DEFAULT_LANGUAGE } from './i18n/languages'
import { sharedTranslate } from './i18n/sharedTranslate'

export { isErrorCode } from './i18n/errorText'

/**
 * The English text of error codes: what the API's `error` field says (scripts and logs read English;
 * the browser formats the message from the code in its reader's language). The texts themselves are the
 * English catalogue's (shared/i18n/errors/en.json), like every other language's.
 */
export function englishMessage<C extends ErrorCode>(code: C, params: ErrorParams[C]): string {
  return errorText(sharedTranslate(DEFAULT_LANGUAGE), DEFAULT_LANGUAGE, code, params)
}

/** The English message of a coded error. */
export const messageOf = (error: CodedError): string => codedErrorText(sharedTranslate(DEFAULT_LANGUAGE), DEFAULT_LANGUAGE, error)
