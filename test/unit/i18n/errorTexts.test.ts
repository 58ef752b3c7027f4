import { describe, expect, it } from 'vitest'
import type { ErrorCode, ErrorParams } from '../../../shared/errors'
import { errorText } from '../../../shared/i18n/errorText'
import { LANGUAGES } from '../../../shared/i18n/languages'
import { sharedTranslate } from '../../../shared/i18n/sharedTranslate'

const id = { commentId: 'NO-003' }
const deadline = { reference: 'C.CWS 180', deadline: '2026-12-06T17:00:00.000Z' }
const types = { types: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] }

/** Parameters for every error code (a Record, so a new code needs a row), with the variants a message has. */
const SAMPLES: { [C in ErrorCode]: ErrorParams[C][] } = {
  'request.invalid': [{ issues: 'title: must not be empty' }],
  'request.notJson': [{}],
  'request.badJson': [{}],
  'request.tooLarge': [{}],
  'request.unsupportedEncoding': [{}],
  'request.unreadable': [{}],
  'request.originRefused': [{}],
  'request.noRoute': [{ method: 'GET', path: '/api/nothing' }],
  'request.formatRequired': [{ given: null, formats: ['xlsx', 'csv'] }, { given: 'pdf', formats: ['xlsx', 'csv'] }],
  'network.unreachable': [{}],
  'server.failed': [{}],
  'server.storageFailed': [{}],
  'server.draftUnavailable': [{}],
  'server.draftMoved': [{}],
  'auth.signInRequired': [{}],
  'auth.tokenInvalid': [{}],
  'auth.relaySignInRequired': [{}],
  'auth.sessionInvalid': [{}],
  'auth.sessionEnded': [{}],
  'auth.revoked': [{}],
  'auth.linkInvalid': [{}],
  'auth.linkUsed': [{}],
  'auth.linkExpired': [{}],
  'auth.tooManyAttempts': [{}],
  'auth.adminOnly': [{}],
  'auth.originRefused': [{}],
  'policy.role': [{ allowed: ['chair'], role: 'observer' }, { allowed: ['chair', 'editor', 'commenter'], role: 'observer' }],
  'policy.notAuthor': [{ ...id, verb: 'edit' }, { ...id, verb: 'withdraw' }],
  'policy.commentNotOpen': [{ ...id, status: 'resolved' }, { ...id, status: 'withdrawn' }],
  'policy.commentWithdrawn': [id],
  'policy.commentNotResolved': [id],
  'policy.notFocalPoint': [{}],
  'policy.notDraft': [id],
  'policy.draftNotSubmitted': [id],
  'draft.notFound': [{}],
  'phase.textFrozen': [deadline],
  'phase.commentsClosed': [deadline],
  'phase.commentsNotOpen': [{ phase: 'drafting' }, { phase: 'resolution' }],
  'phase.adopted': [{}],
  'phase.transition': [{ from: 'adopted', to: 'consultation' }],
  'phase.deadlineRequired': [{}],
  'phase.deadlinePast': [{ deadline: deadline.deadline }],
  'phase.referenceRequired': [{}],
  'phase.undecided': [{ commentIds: ['NO-001', 'MZ-002'] }],
  'version.notFound': [{ versionId: 'v1' }],
  'changes.sinceRequired': [{}],
  'comment.notFound': [id, { commentId: null }],
  'comment.isGeneral': [id],
  'comment.noProposal': [id],
  'comment.alreadyApplied': [id],
  'comment.notOnWords': [id],
  'comment.textRemoved': [id],
  'comment.conflict': [{ commentIds: ['NO-001'] }],
  'anchor.oneWayOnly': [{}],
  'anchor.rangeOrQuote': [{}],
  'anchor.selectionEmpty': [{}],
  'anchor.selectionGone': [{}],
  'anchor.withinInvalid': [{}],
  'anchor.quoteNotFound': [
    { quote: 'x', occurrence: 1, within: null },
    { quote: 'x', occurrence: 2, within: null },
    { quote: 'x', occurrence: 1, within: 'Recommendation 2' },
    { quote: 'x', occurrence: 3, within: 'Recommendation 2' },
  ],
  'anchor.noSuchRecommendation': [{ recommendation: 9, count: 6 }],
  'apply.spansBlocks': [{}],
  'apply.containsApplied': [{ ...id, appliedId: 'MZ-001' }],
  'comment.outdated': [{ ...id, now: 'a', base: 'b' }],
  'apply.notReceived': [{}],
  'apply.notPerformed': [id],
  'revert.notApplied': [id],
  'revert.unrecorded': [id],
  'revert.changed': [id],
  'decision.reasonRequired': [{ disposition: 'not-accepted' }, { disposition: 'accepted-with-modification' }],
  'participant.notFound': [{}],
  'participant.revoked': [{}],
  'participant.ownChairRole': [{}],
  'participant.revokeSelf': [{}],
  'participant.focalPointNotDelegate': [{}],
  'notification.unsubscribeInvalid': [{}],
  'import.noFile': [types],
  'import.wrongType': [types],
  'import.tooLarge': [{}],
  'import.unreadableXlsx': [{}],
  'import.noWorksheet': [{}],
  'import.unreadableCsv': [{ reason: 'Quote not closed' }],
  'import.missingColumns': [
    { missing: ['Type'], columns: ['ID', 'Member State'] },
    { missing: ['Type', 'Comment'], columns: ['ID', 'Member State'] },
  ],
  'import.empty': [{ columns: ['ID', 'Member State'] }],
  'import.noRows': [{}],
  'import.tooManyRows': [{ count: 5001, max: 5000 }],
  'import.rowsRejected': [{ rows: 1 }, { rows: 2 }, { rows: 5 }, { rows: 11 }, { rows: 100 }],
}

/** Every error message in every language: nothing left unfilled, no key shown instead of a text, and none English but English's. */
describe('error messages in six languages', () => {
  const english = new Map<string, string>()
  for (const [code, samples] of Object.entries(SAMPLES)) {
    samples.forEach((params, i) => english.set(`${code}#${i}`, errorText(sharedTranslate('en'), 'en', code as ErrorCode, params as never)))
  }

  it.each([...LANGUAGES])('every code and variant reads fully in %s', (language) => {
    const t = sharedTranslate(language)
    const bad: string[] = []
    for (const [code, samples] of Object.entries(SAMPLES)) {
      samples.forEach((params, i) => {
        const text = errorText(t, language, code as ErrorCode, params as never)
        // A key shown instead of its text ("errors.comment.x", "words.role.chair"), or a placeholder left.
        if (/\{\{|errors\.\w+\.\w|words\.\w+\.\w/.test(text)) bad.push(`${code}#${i}: ${text}`)
        if (language !== 'en' && text === english.get(`${code}#${i}`)) bad.push(`${code}#${i} is English: ${text}`)
      })
    }
    expect(bad).toEqual([])
  })

  it('dates deadlines, names roles and lists ids in the language', () => {
    const ar = sharedTranslate('ar')
    expect(errorText(ar, 'ar', 'phase.commentsClosed', deadline)).toContain('6 ديسمبر 2026')
    expect(errorText(sharedTranslate('fr'), 'fr', 'policy.role', { allowed: ['chair', 'editor'], role: 'observer' })).toBe(
      'Seuls les présidents et rédacteurs peuvent faire cela ; vous êtes connecté en tant que observateur.',
    )
    expect(errorText(sharedTranslate('zh'), 'zh', 'phase.undecided', { commentIds: ['NO-001', 'MZ-002'] })).toContain('NO-001和MZ-002')
    expect(errorText(ar, 'ar', 'import.rowsRejected', { rows: 2 })).toContain('في صفين')
    expect(errorText(sharedTranslate('ru'), 'ru', 'import.rowsRejected', { rows: 5 })).toContain('В 5 строках')
  })
})
