import { draftFacts } from '../../shared/phases'
import type { DocumentMeta } from '../../shared/types'
import type { DocumentService } from '../documents/DocumentService'
import type { Logger } from '../logger'
import { DraftElsewhereError } from '../store/errors'
import type { Clock } from '../util/clock'
import type { PhaseService } from './PhaseService'

/**
 * Closes each consultation at its deadline, by the server's clock: a timer per draft in consultation,
 * set again whenever a draft's record changes. Started after a deadline (the server was down), it moves
 * the draft on at once. Comments are refused from the deadline on whether or not this has run yet: the
 * policy compares the deadline with the clock itself.
 */
export class DeadlineScheduler {
  private readonly timers = new Map<string, () => void>()
  private readonly onChanged = (meta: DocumentMeta) => this.watch(meta)

  constructor(
    private readonly documents: DocumentService,
    private readonly phases: PhaseService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.documents.on('changed', this.onChanged)
    for (const meta of await this.documents.list()) this.watch(meta)
  }

  /** Sets the draft's timer from its record (also for a record another instance changed). */
  watch(meta: DocumentMeta): void {
    this.timers.get(meta.id)?.()
    this.timers.delete(meta.id)
    const { phase, round, consultation } = draftFacts(meta)
    if (phase !== 'consultation' || !consultation) return
    const cancel = this.clock.at(Date.parse(consultation.deadline), () => {
      this.timers.delete(meta.id)
      this.phases.closeAtDeadline(meta.id, round).catch((err: unknown) => {
        // Scale-out: the instance that owns the draft closes it with its own timer.
        if (err instanceof DraftElsewhereError) return
        this.logger.error('could not close a consultation at its deadline; it closes at the next start', { document: meta.id, error: String(err) })
      })
    })
    this.timers.set(meta.id, cancel)
  }

  stop(): void {
    this.documents.off('changed', this.onChanged)
    for (const cancel of this.timers.values()) cancel()
    this.timers.clear()
  }
}
