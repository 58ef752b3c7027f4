import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { type ServerConfig, DEFAULT_RATE_LIMIT, DEFAULT_SAVE_TIMING } from './config'
import { seedWorkspace } from './demo/seedWorkspace'
import { DocumentService } from './documents/DocumentService'
import { createApp } from './http/createApp'
import { jsonLogger } from './logger'
import { ParticipantService } from './participants/ParticipantService'
import { LiveDrafts } from './drafts/LiveDrafts'
import { Relay } from './relay/Relay'
import { commentChannel } from './relay/pieces/commentChannel'
import { rateLimit } from './relay/pieces/rateLimit'
import { savedAcks } from './relay/pieces/savedAcks'
import { writeAdminFile, removeAdminFile } from './adminFile'
import { LowdbStore } from './store/LowdbStore'
import { CommentListCache } from './comments/CommentListCache'
import { CommentService } from './comments/CommentService'
import { ProposalService } from './comments/ProposalService'
import { versionRoutes } from './routes/versionRoutes'
import { VersionService } from './versions/VersionService'
import { DeadlineScheduler } from './phases/DeadlineScheduler'
import { PhaseService } from './phases/PhaseService'
import { phaseRoutes } from './routes/phaseRoutes'
import { redlineRoutes } from './routes/redlineRoutes'
import { delegationRoutes } from './routes/delegationRoutes'
import { DelegationService } from './comments/DelegationService'
import { RedlineService } from './versions/RedlineService'
import { ChangesService } from './versions/ChangesService'
import { changesRoutes } from './routes/changesRoutes'
import { systemClock } from './util/clock'
import { draftContext } from './phases/draftContext'
import { isValidDocumentId } from '../shared/validation'
import { commentRoutes } from './routes/commentRoutes'
import { exportRoutes } from './routes/exportRoutes'
import { importRoutes } from './routes/importRoutes'
import { ImportService } from './imports/ImportService'
import type { Participant } from '../shared/types'
import { createNotifications } from './notifications/notifications'
import type { NotificationService } from './notifications/NotificationService'
import { notificationRoutes } from './routes/notificationRoutes'
import { unsubscribeRoutes } from './routes/unsubscribeRoutes'

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:5170 */
  url: string
  port: number
  /** One-time sign-in link for the first chair (only until that chair has signed in). */
  chairSignInLink?: string
  participants: ParticipantService
  documents: DocumentService
  comments: CommentService
  proposals: ProposalService
  versions: VersionService
  drafts: LiveDrafts
  relay: Relay
  notifications: NotificationService
  /** Stops accepting work, writes every pending edit, closes the store. Resolves with drafts that failed. */
  close(): Promise<{ unsaved: string[] }>
}

/** Starts Accord: store, services, HTTP API, static client and collaboration relay. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const logger = config.logger ?? jsonLogger()
  const dataDir = resolve(config.dataDir)
  const store = config.store ?? new LowdbStore(dataDir)
  await store.open()
  const clock = config.clock ?? systemClock
  const now = config.now ?? (() => new Date(clock.now()))
  const participants = new ParticipantService(store, now)
  const documents = new DocumentService(store, now)
  const drafts = new LiveDrafts(store, logger, { ...DEFAULT_SAVE_TIMING, ...config.saveTiming })
  const notifications = await createNotifications({
    store,
    participants,
    documents,
    clock,
    logger,
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    ...(config.mailFrom ? { mailFrom: config.mailFrom } : {}),
    ...(config.mailRetry ? { retry: config.mailRetry } : {}),
  })
  const comments = new CommentService(store, drafts, now, participants, notifications.outbox)
  const commentLists = new CommentListCache(comments, drafts)
  const proposals = new ProposalService(comments, store, drafts)
  const versions = new VersionService(store, drafts, comments, now)
  const redlines = new RedlineService(store, drafts, versions, now)
  const phases = new PhaseService(documents, versions, store, clock, (meta) => notifications.phaseChanged(meta))
  const deadlines = new DeadlineScheduler(documents, phases, clock, logger)
  const channel = commentChannel({
    // A browser that opens a draft gets the cached list instead of a fresh placement of every comment.
    snapshot: (id, viewer) => commentLists.list(id, viewer),
    repairAnchors: (id, actor, repairs) => comments.repairAnchors(id, actor, repairs),
    logger,
  })
  const flood = config.rateLimit ?? DEFAULT_RATE_LIMIT
  const relay = new Relay({
    drafts,
    authenticate: (secret, kinds) => participants.authenticate(secret, kinds),
    recheck: (hash) => participants.principalFor(hash, ['session', 'token']),
    extensions: [...(flood ? [rateLimit(flood, logger)] : []), savedAcks(), channel],
    context: (id) => draftContext(drafts.peek(id)?.meta, clock.now()),
    logger,
    allowedOrigins: config.allowedOrigins ?? [],
  })
  comments.on('changed', (documentId, event) => channel.publish(relay.connectionsOn(documentId), event))
  documents.on('changed', (meta) => {
    drafts.metaChanged(meta)
    relay.draftChanged(meta)
  })
  const onParticipantChanged = (p: Participant) => relay.participantChanged(p)
  participants.on('changed', onParticipantChanged)

  let url = ''
  /** Where people reach Accord: links in e-mails. */
  let publicUrl = ''
  const adminSecret = randomBytes(24).toString('base64url')
  const app = createApp({
    logger,
    participants,
    documents,
    allowedOrigins: config.allowedOrigins ?? [],
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
    adminSecret,
    baseUrl: () => url,
    clientDir: config.clientDir ?? resolve(import.meta.dirname, '..', 'dist', 'client'),
    // Export routes come first: "/comments/export" must not be taken for a comment id.
    extraRoutes: [
      exportRoutes(comments, documents, drafts, now),
      commentRoutes(comments, proposals, documents, commentLists),
      delegationRoutes(new DelegationService(comments, async (id) => (await store.getDocument(id))?.consultation?.reference ?? null), documents),
      versionRoutes(versions, documents, now),
      phaseRoutes(phases, documents),
      redlineRoutes(redlines, documents, now),
      changesRoutes(new ChangesService(versions, redlines, commentLists), documents, now),
      notificationRoutes(notifications.service, participants),
    ],
    policyContext: async (req) => {
      const id = req.params.id
      const meta = typeof id === 'string' && isValidDocumentId(id) ? await store.getDocument(id) : undefined
      return draftContext(meta, clock.now())
    },
    uploadRoutes: [
      importRoutes(new ImportService(comments, drafts, documents, now), documents, participants),
      unsubscribeRoutes(notifications.service, () => `${publicUrl}/settings`),
    ],
  })
  const http = createServer(app)
  http.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head))
  http.on('clientError', (_err, socket) => socket.destroy())

  try {
    await new Promise<void>((ok, fail) => {
      http.once('error', fail)
      http.listen(config.port, config.host, () => {
        http.off('error', fail)
        ok()
      })
    })
  } catch (err) {
    await store.close()
    throw err
  }
  const { port } = http.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`
  if (!config.store) await writeAdminFile(dataDir, { url, secret: adminSecret, pid: process.pid })

  const seed = await seedWorkspace(store, participants, documents, logger, config.seedDemo ?? true)
  const chairSignInLink = seed.chairLinkSecret
    ? `${url}/signin${seed.demoDocumentId ? `?next=${encodeURIComponent(`/d/${seed.demoDocumentId}`)}` : ''}#${seed.chairLinkSecret}`
    : undefined
  logger.info('accord started', { url, dataDir, ...(chairSignInLink ? { chairSignInLink } : {}) })
  publicUrl = config.publicUrl ?? url
  // Before the deadlines: a consultation that closed while the server was down is news to be told.
  await notifications.start(publicUrl)
  await deadlines.start()

  let closing: Promise<{ unsaved: string[] }> | null = null
  const close = () =>
    (closing ??= (async () => {
      participants.off('changed', onParticipantChanged)
      deadlines.stop()
      await notifications.stop()
      relay.close()
      http.closeAllConnections()
      const unsaved = await drafts.close()
      await new Promise<void>((ok) => http.close(() => ok()))
      if (!config.store) await removeAdminFile(dataDir)
      await store.close()
      logger.info('accord stopped', { unsaved })
      return { unsaved }
    })())

  return {
    url,
    port,
    ...(chairSignInLink ? { chairSignInLink } : {}),
    participants,
    documents,
    comments,
    proposals,
    versions,
    drafts,
    relay,
    notifications: notifications.service,
    close,
  }
}
