import { type ChangesReport, changesReport } from '../../shared/changes/changesReport'
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages'
import { sharedTranslate } from '../../shared/i18n/sharedTranslate'
import { fail } from '../../shared/errors'
import type { PolicyPrincipal } from '../../shared/policy'
import type { CommentListCache } from '../comments/CommentListCache'
import { LIVE, type RedlineService } from './RedlineService'
import type { VersionService } from './VersionService'

/**
 * The changes-since report: what happened to each recommendation since a version (by default the last
 * one a change of phase made, e.g. the text sent for comment), with the comments the reader may see.
 */
export class ChangesService {
  constructor(
    private readonly versions: VersionService,
    private readonly redlines: RedlineService,
    private readonly comments: CommentListCache,
  ) {}

  async report(documentId: string, sinceId: string | undefined, viewer: PolicyPrincipal): Promise<ChangesReport> {
    const since = sinceId ?? (await this.lastPhaseVersion(documentId))
    const redline = await this.redlines.compare(documentId, since, LIVE)
    const comments = await this.comments.list(documentId, viewer)
    // The JSON's summary lines are English (scripts read them); the browser says them in its reader's language from `summaryFacts`.
    return changesReport(redline, comments, { since: redline.from, to: redline.to }, sharedTranslate(DEFAULT_LANGUAGE))
  }

  private async lastPhaseVersion(documentId: string): Promise<string> {
    const phase = (await this.versions.list(documentId)).filter((v) => v.kind === 'phase').at(-1)
    if (!phase) fail('changes.sinceRequired')
    return phase.id
  }
}
