import { fail } from '../../shared/errors'
import { NEXT_PHASES, consultationClosed, draftFacts } from '../../shared/phases'
import type { DocumentMeta, Participant, Phase, PhaseChange } from '../../shared/types'
import { personRef } from '../comments/CommentService'
import { PerDraftQueue } from '../comments/PerDraftQueue'
import type { DocumentService } from '../documents/DocumentService'
import type { Store } from '../store/Store'
import type { Clock } from '../util/clock'
import type { VersionService } from '../versions/VersionService'

export interface PhaseRequest {
  phase: Phase
  /** ISO date and time; required to open a consultation. */
  deadline?: string
  /** The circular's reference, e.g. "C.CWS 180"; required to open a consultation. */
  reference?: string
}

/**
 * Moves drafts through the consultation cycle: drafting → consultation (frozen text, comments until the
 * deadline) → resolution (by itself at the deadline, or closed early by a chair) → consultation again for
 * the next round, or adopted (only once every comment is decided or withdrawn); an adopted text can be
 * reopened for drafting. Sending for comment and adopting each keep a version of the text. Every change
 * is recorded (who, when) and announced through DocumentService's `changed` event.
 */
export class PhaseService {
  private readonly queue = new PerDraftQueue()

  constructor(
    private readonly documents: DocumentService,
    private readonly versions: VersionService,
    private readonly store: Store,
    private readonly clock: Clock,
    /** Told of every change once it is saved, before the change is answered (notifications). */
    private readonly changed: (meta: DocumentMeta) => Promise<void> = async () => {},
  ) {}

  /** A chair's change of phase. */
  change(documentId: string, actor: Participant, request: PhaseRequest): Promise<DocumentMeta> {
    return this.queue.run(documentId, async () => {
      const meta = await this.documents.get(documentId)
      const { phase } = draftFacts(meta)
      if (!NEXT_PHASES[phase].includes(request.phase)) fail('phase.transition', { from: phase, to: request.phase })
      switch (request.phase) {
        case 'consultation':
          return this.openConsultation(meta, actor, request)
        case 'resolution':
          return this.record(meta, 'resolution', actor)
        case 'adopted':
          return this.adopt(meta, actor)
        case 'drafting':
          return this.record(meta, 'drafting', actor)
        default: {
          const never: never = request.phase
          throw new Error(`unknown phase ${String(never)}`)
        }
      }
    })
  }

  /**
   * The deadline of a consultation has come: the draft moves to resolution by itself. Does nothing when
   * the draft has moved on meanwhile (closed early, or a later round with another deadline).
   */
  closeAtDeadline(documentId: string, round: number): Promise<DocumentMeta | null> {
    return this.queue.run(documentId, async () => {
      const meta = await this.store.getDocument(documentId)
      if (!meta) return null
      const facts = draftFacts(meta)
      if (facts.phase !== 'consultation' || facts.round !== round || !facts.consultation) return null
      if (!consultationClosed(facts.consultation, this.clock.now())) return null
      return this.record(meta, 'resolution', null)
    })
  }

  private async openConsultation(meta: DocumentMeta, actor: Participant, request: PhaseRequest): Promise<DocumentMeta> {
    const reference = request.reference?.trim()
    if (!reference) fail('phase.referenceRequired')
    if (!request.deadline) fail('phase.deadlineRequired')
    const deadline = new Date(request.deadline)
    if (deadline.getTime() <= this.clock.now()) fail('phase.deadlinePast', { deadline: deadline.toISOString() })
    const { round } = draftFacts(meta)
    // The first consultation is round 1 (with the drafting before it); every later one starts a new round.
    const nextRound = (meta.phaseHistory ?? []).some((h) => h.phase === 'consultation') ? round + 1 : round
    await this.versions.create(meta.id, actor, { label: `Sent for comment (${reference})` }, 'phase')
    const consultation = { reference, opensAt: new Date(this.clock.now()).toISOString(), deadline: deadline.toISOString() }
    return this.record({ ...meta, round: nextRound, consultation }, 'consultation', actor)
  }

  private async adopt(meta: DocumentMeta, actor: Participant): Promise<DocumentMeta> {
    const undecided = (await this.store.listComments(meta.id)).filter((c) => c.status === 'open').map((c) => c.id)
    if (undecided.length > 0) fail('phase.undecided', { commentIds: undecided.sort() })
    await this.versions.create(meta.id, actor, { label: 'Adopted text' }, 'phase')
    return this.record(meta, 'adopted', actor)
  }

  private async record(meta: DocumentMeta, phase: Phase, by: Participant | null): Promise<DocumentMeta> {
    const { round, consultation } = draftFacts(meta)
    const change: PhaseChange = {
      phase,
      round,
      at: new Date(this.clock.now()).toISOString(),
      by: by ? personRef(by) : null,
      ...(phase === 'consultation' && consultation ? { reference: consultation.reference, deadline: consultation.deadline } : {}),
    }
    const saved = await this.documents.save({ ...meta, phase, round, phaseHistory: [...(meta.phaseHistory ?? []), change] })
    await this.changed(saved)
    return saved
  }
}
