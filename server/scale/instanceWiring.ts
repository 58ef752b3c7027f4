import type { DocumentMeta } from '../../shared/types'
import type { DocumentService } from '../documents/DocumentService'
import type { Logger } from '../logger'
import type { ParticipantService } from '../participants/ParticipantService'
import type { DeadlineScheduler } from '../phases/DeadlineScheduler'
import type { Relay } from '../relay/Relay'
import type { InstanceEvent, InstanceEvents } from './InstanceEvents'
import type { Ownership } from './Ownership'

/** The services whose changes other instances must hear of. */
export interface SharedServices {
  participants: ParticipantService
  documents: DocumentService
  deadlines: DeadlineScheduler
  relay: Relay
  /** A draft's record changed elsewhere: its consultation news and reminder timers follow (recorded once, by id). */
  consultationChanged(meta: DocumentMeta): Promise<void>
  /** Another instance stored e-mail in the outbox: look at it now (it may be this instance that sends it). */
  outboxChanged(): void
}

/**
 * Connects this instance's services to the others through the events: what changes here is announced,
 * and what another instance announces is read again from PostgreSQL and applied here (a revoked
 * participant's sockets close, a role change reaches open sockets, a new deadline gets its timer and
 * its reminders, a former owner drops a draft taken over). Returns the function that disconnects it all.
 */
export function wireInstanceEvents(events: InstanceEvents, ownership: Ownership, services: SharedServices, logger: Logger): () => void {
  const { participants, documents, deadlines, relay } = services
  const onParticipant = (p: { id: string }) => events.publish({ kind: 'participant', id: p.id })
  const onDraft = (meta: { id: string }) => events.publish({ kind: 'draft', id: meta.id })
  const onTaken = (id: string, epoch: number) => events.publish({ kind: 'owner', id, epoch })
  const onEvent = (event: InstanceEvent) => {
    apply(event).catch((err: unknown) => logger.warn('could not apply an event from another instance', { kind: event.kind, error: String(err) }))
  }
  async function apply(event: InstanceEvent): Promise<void> {
    switch (event.kind) {
      case 'participant': {
        const participant = await participants.get(event.id)
        if (participant) relay.participantChanged(participant)
        return
      }
      case 'draft': {
        const meta = await documents.get(event.id)
        deadlines.watch(meta)
        relay.draftChanged(meta)
        return services.consultationChanged(meta)
      }
      case 'owner':
        return ownership.takenElsewhere(event.id, event.epoch)
      case 'wake':
        return services.outboxChanged()
      default: {
        const never: never = event
        throw new Error(`unknown event ${String(never)}`)
      }
    }
  }
  participants.on('changed', onParticipant)
  documents.on('changed', onDraft)
  ownership.on('taken', onTaken)
  events.on('event', onEvent)
  return () => {
    participants.off('changed', onParticipant)
    documents.off('changed', onDraft)
    ownership.off('taken', onTaken)
    events.off('event', onEvent)
  }
}
