import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { limits } from '../shared/limits/index.ts';
import { accessPlugin } from './access/revoke.ts';
import { cycleAuthorise, cycleMessageAuthorise } from './auth/collab-access.ts';
import { seedDemo } from './auth/demo.ts';
import { grantedUses } from './export/sources.ts';
import { cycleDocName } from '../shared/domain/access.ts';
import type { AuthoriseHook } from './collab/hooks/authorise.ts';
import { CollabServer } from './collab/server.ts';
import type { SqlDb } from './storage/sql.ts';
import { writeCheckHook } from './access/write-hook.ts';
import type { AppConfig } from './config/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { createRepos, dbPlugin } from './plugins/db.ts';
import { runDocMigrations } from './collab/doc-migrations.ts';
import { clientErrorHandler, errorsPlugin, frameworkErrors } from './plugins/errors.ts';
import { securityPlugin } from './plugins/security.ts';
import { lazySchemaCompilers } from './plugins/schema-compilers.ts';
import { textInputPlugin } from './plugins/text-input.ts';
import { clientRoutes } from './routes/client.ts';
import { collabRoutes } from './routes/collab.ts';
import { healthRoutes } from './routes/health.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { clockRoutes } from './routes/clock.ts';
import { accessLogRoutes } from './routes/access-log.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { exportRoutes } from './routes/export.ts';
import { interviewRoutes } from './routes/interview.ts';
import { layerRoutes } from './routes/layers.ts';
import { leeragendaRoutes } from './routes/leeragenda.ts';
import { mediaRoutes } from './routes/media.ts';
import { recordingRoutes } from './routes/recordings.ts';
import { stepRoutes } from './routes/steps.ts';
import { worksheetRoutes } from './routes/worksheets.ts';
import { timecodeRoutes } from './routes/timecodes.ts';
import { transcriptRoutes } from './routes/transcripts.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { seedDemoRecording } from './media/demo.ts';
import { signalConsentChanged } from './media/signal.ts';
import { KeyRing, loadMasterKey } from './media/keys.ts';
import { CycleTouches } from './storage/cycle-touch.ts';
import { SharedWorksheets } from './access/shared-worksheet.ts';
import { docKeys, parseCycleDocName } from '../shared/domain/cycle-doc/keys.ts';
import { MediaService } from './media/service.ts';
import { FragmentLinks } from './media/fragment-links.ts';
import { fragmentLinkRoutes } from './routes/fragment-links.ts';
import { eraseForRetention } from './portal/erasure.ts';
import { ClientSessions } from './portal/sessions.ts';
import { clientFormRoutes } from './routes/client-form.ts';
import { portalRoutes } from './routes/portal.ts';
import type { Fanout } from './collab/fanout/fanout.ts';
import type { DocStore } from './storage/doc-store.ts';
import { SharedAuditThrottle } from './storage/audit.ts';
import { Mailer } from './mail/mailer.ts';
import { openDocStore } from './storage/open-doc-store.ts';
import { openRepoDb } from './storage/open-repo-db.ts';

export interface BuildAppOptions {
  config: AppConfig;
  /** Overrides the document store (tests inject failing or slow stores). */
  docStore?: DocStore;
  /** Overrides WebSocket authorisation (protocol tests use the open foundation hook). */
  authorise?: AuthoriseHook;
  /** Where log lines go (default stdout); tests capture them to check what each level logs. */
  logStream?: Writable;
}

declare module 'fastify' {
  interface FastifyInstance {
    collab: CollabServer;
    config: AppConfig;
    media: MediaService;
    /** Outgoing mail; null when no SMTP server is configured (links go to the beheerder's screen). */
    mailer: Mailer | null;
    routeTable: readonly { method: string; url: string; websocket: boolean }[];
    /** The client portal's short sessions (PORTAL-2). */
    clientSessions: ClientSessions;
    /** One round of the retention sweep, under the cross-process lock where there is one (SCALE-6). */
    retentionSweep: () => Promise<boolean>;
  }
}

/** Builds the application. Never listens: `server/index.ts` does, tests use port 0 or inject(). */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const hsts = config.secureCookies;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    // The router's and the HTTP parser's own refusals answer like every other error (ERR-1).
    frameworkErrors: frameworkErrors({ hsts }),
    clientErrorHandler: clientErrorHandler({ hsts }),
    // Two lines per HTTP request drown start-up, errors and security events (and the links a
    // beheerder looks for): requests are logged once, at debug level, by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Long enough for any valid document name, so a too-long one gets our own error code.
    routerOptions: { maxParamLength: 256 },
    // Requests are validated with zod: Fastify's JSON-schema compilers (Ajv) load only if used.
    schemaController: { compilersFactory: lazySchemaCompilers },
  });

  // Every route, as registered: the authorisation-matrix test checks each one has an entry.
  const routeTable: { method: string; url: string; websocket: boolean }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, websocket: route.websocket === true });
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: request.routeOptions.url ?? request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  // The repositories' database: PostgreSQL with DATABASE_URL (then no SQLite file is opened),
  // else the embedded SQLite file; migrated before anything reads it.
  const db = await openRepoDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, log: app.log });
  const repos = createRepos(db, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs });
  // Audit rows written after a synchronous check returned (socket refusals, openings): a failure
  // is logged, never thrown into the collaboration server.
  repos.audit.onError = (err) => app.log.error({ err }, 'audit: a background entry was not written');
  repos.refusals.onError = (err) => app.log.error({ err }, 'audit: an aggregated refusal was not written');
  const seededDemo = config.demo ? await seedDemo(repos) : false;
  let docStore: DocStore;
  try {
    docStore = opts.docStore ?? (await openDocStore(config.dataDir, config.databaseUrl, app.log));
  } catch (err) {
    // No half-started server: the repositories' database is released too.
    await db.close();
    throw err;
  }
  const fanout = config.redisUrl ? await connectFanout(config, docStore, db, app) : undefined;
  app.decorate('config', config);
  const mailer = config.smtpUrl ? new Mailer(config.smtpUrl, config.mailFrom) : null;
  app.decorate('mailer', mailer);
  app.log.info(mailer ? 'mail: invitations and resets go by SMTP' : 'mail: no SMTP configured; one-time links appear on the beheerder screen');
  await app.register(dbPlugin, { repos });
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  // Before auth: its onRequest hook marks upgrade requests, so that a refusal by the access hook
  // also ends the raw upgrade socket (otherwise the refused socket lingers and blocks close()).
  await app.register(fastifyWebsocket, {
    options: { maxPayload: limits.maxWsMessageBytes, perMessageDeflate: false },
  });
  app.decorate('clientSessions', new ClientSessions(repos.tabSessions));
  // Text the databases cannot both store is refused before access checks query with it (PGSUITE-4).
  await app.register(textInputPlugin);
  await app.register(authPlugin);

  const joinAudit = new SharedAuditThrottle(repos.tabSessions, 'document_opened', 60_000);
  // "Laatst gewijzigd" follows the shared cycle document's content (not playback or room
  // settings, and not the private layers or the confidential interview, whose timing is theirs).
  const touchWrites = new Set<Promise<void>>();
  const touches = new CycleTouches((cycleId, at) => {
    const done: Promise<void> = repos.cycles
      .touch(cycleId, at)
      .catch((err: unknown) => app.log.error({ err, cycleId }, 'cycles: "laatst gewijzigd" not written'))
      .finally(() => touchWrites.delete(done));
    touchWrites.add(done);
  });
  const notContent: ReadonlySet<string> = new Set([docKeys.playback, docKeys.settings]);
  // Shared werkbladen follow their author's edits live (SELF-4): copied after each commit.
  const sharedWorksheets = new SharedWorksheets(app);
  app.decorate('sharedWorksheets', sharedWorksheets);
  const collab = new CollabServer({
    store: docStore,
    // Intervision colleagues work in a cycle's documents only while the client consents to it.
    authorise:
      opts.authorise ??
      cycleAuthorise(app, {
        colleagueAccess: async (cycleId, role) => (role === 'colleague' ? (await grantedUses(app, cycleId)).has('colleagues') : undefined),
        grantedUses: (cycleId) => grantedUses(app, cycleId),
      }),
    authoriseMessage: cycleMessageAuthorise(app),
    checkUpdate: writeCheckHook(app),
    onJoin: (conn) => {
      // Audited once per person and document per minute: a reconnect storm after a restart must
      // not turn into thousands of durable commits (the first opening is what the owner needs).
      const userId = conn.identity.userId;
      if (!userId) return;
      // The throttle's claim is a database write: in the background with the entry, never delaying the join.
      repos.audit.recordInBackground(
        { actorId: userId, action: 'document_opened', cycleId: conn.identity.cycleId, target: conn.docName },
        joinAudit.shouldRecord(`${userId}:${conn.docName}`),
      );
    },
    onCommitted: (changes) => {
      for (const change of changes) {
        const doc = parseCycleDocName(change.docName);
        if (doc?.kind === 'cycle' && change.parts.some((part) => !notContent.has(part))) touches.changed(doc.cycleId);
      }
      sharedWorksheets.committed(changes);
    },
    log: app.log,
    graceMs: config.roomGraceMs,
    compactThreshold: config.compactThreshold,
    limits: config.collabLimits,
    fanout,
  });
  app.decorate('collab', collab);

  const media = new MediaService({
    repo: repos.media,
    audit: repos.audit,
    keyRing: new KeyRing(loadMasterKey(config.dataDir, config.masterKey)),
    dataDir: config.dataDir,
    mediaDir: config.mediaDir,
    maxUploadBytes: config.maxUploadBytes,
    orgQuotaBytes: config.orgQuotaBytes,
    uploadExpiryMs: config.uploadExpiryMs,
    maxOpenUploads: config.maxOpenUploads,
    log: app.log,
    // Another process may be writing the upload a client resumes here (SCALE-9).
    requestUploadTakeover: (mediaId) => collab.fanout.publishControl({ kind: 'uploadTakeover', mediaId }),
    // The sweep's erasure gives the client a receipt like a withdrawal does (RETAIN-1).
    eraseExpired: async (recording) => {
      await eraseForRetention(app, recording);
    },
    // Roles that lost playback lose their live view of the cycle too; their client reconnects
    // and re-reads the recordings list.
    onAccessLost: (cycleId, roles, recordingId) => {
      void signalConsentChanged(app, cycleId).catch((err: unknown) => app.log.warn({ err }, 'consent signal failed'));
      app.access.revoke({ cycleId, roles, recordingId }, 'consent_changed');
    },
    // Without consent for the client interview nobody keeps the interview document open
    // (DOCACCESS-4); reconnecting is then refused.
    onConsentChanged: async (cycleId) => {
      // A fragment link whose consent went ends at once, for good (FRAGLINK-1).
      await app.fragmentLinks.recheck();
      if ((await grantedUses(app, cycleId)).has('clientInterview')) return;
      app.access.revoke({ cycleId, docKind: 'interview' }, 'consent_changed');
    },
  });
  app.decorate('media', media);
  collab.fanout.onControl((msg) => {
    if (msg.kind === 'uploadTakeover' && typeof msg.mediaId === 'string') media.uploadTakeoverRequested(msg.mediaId);
  });
  app.decorate('fragmentLinks', new FragmentLinks(app));
  // Where access ends: sessions swept, and every channel of a person (sockets, clock, media
  // responses) closed together on logout, removal, disabling or consent withdrawal.
  await app.register(accessPlugin);
  if (seededDemo) {
    await seedDemoRecording(repos, media);
    // The editor schema (Tiptap) is loaded on first use: most starts never need it.
    const { seedReportTemplate } = await import('./export/template.ts');
    await collab.withDoc(cycleDocName(seededDemo), seedReportTemplate);
  }
  // Data migrations inside the documents (TIMECODE-5), before any request is served.
  await runDocMigrations(app);
  // Retention sweep: at start-up and then daily (never keeps the process alive). With several
  // processes on one PostgreSQL only one sweeps at a time (SCALE-6); the others skip that round.
  const sweepRound = async (): Promise<boolean> => {
    if (!docStore.runExclusive) {
      await media.runScheduledSweep();
      return true;
    }
    try {
      const { ran } = await docStore.runExclusive('retention-sweep', () => media.runScheduledSweep());
      if (!ran) app.log.info('media: retention sweep skipped; another process is running it');
      return ran;
    } catch (err) {
      app.log.error({ err }, 'media: retention sweep lock failed');
      return false;
    }
  };
  const sweep = (): Promise<boolean> => {
    const round = sweepRound();
    // Known from its start (PGSUITE-3): on PostgreSQL the sweep first waits for its lock, and a
    // shutdown meanwhile must not close the pools under it.
    media.lastSweep = round.then(() => undefined);
    return round;
  };
  app.decorate('retentionSweep', sweep);
  void sweep();
  const retentionTimer = setInterval(() => void sweep(), config.retentionSweepMs);
  retentionTimer.unref();
  // Only JSON bodies: a cross-site form post (text/plain, urlencoded) cannot reach a handler.
  app.removeContentTypeParser('text/plain');
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(cycleRoutes);
  await app.register(accessLogRoutes);
  await app.register(adminRoutes);
  await app.register(recordingRoutes);
  await app.register(uploadRoutes);
  await app.register(mediaRoutes);
  await app.register(transcriptRoutes);
  await app.register(clockRoutes);
  await app.register(layerRoutes);
  await app.register(interviewRoutes);
  await app.register(fragmentLinkRoutes);
  await app.register(exportRoutes);
  await app.register(leeragendaRoutes);
  await app.register(stepRoutes);
  await app.register(clientFormRoutes);
  await app.register(portalRoutes);
  await app.register(worksheetRoutes);
  await app.register(timecodeRoutes);
  await app.register(collabRoutes, { collab, allowedOrigins: config.allowedOrigins });
  await app.register(clientRoutes, { clientDir: config.clientDir });

  // Close sockets and flush before the HTTP server stops; then release the database.
  app.addHook('preClose', async () => {
    clearInterval(retentionTimer);
    await media.lastSweep;
    await media.close();
    sharedWorksheets.close();
    await collab.close();
    touches.close();
  });
  // Aggregated anonymous refusals are written when their minute has passed, and at shutdown.
  const refusalTimer = setInterval(() => repos.refusals.flushDue(), repos.refusals.windowMs / 6);
  refusalTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(refusalTimer);
    await repos.refusals.flushAll();
    await Promise.all([repos.audit.settled(), ...touchWrites]);
    await docStore.close();
    mailer?.close();
    await db.close();
  });
  return app;
}

/**
 * Several processes (REDIS_URL): they must share the documents' database (PostgreSQL), else one
 * could never read what another committed. Refused at start-up otherwise, and when Redis cannot
 * be reached; nothing half-started stays open.
 */
async function connectFanout(config: AppConfig, docStore: DocStore, db: SqlDb, app: FastifyInstance): Promise<Fanout> {
  try {
    if (!config.databaseUrl) throw new Error('REDIS_URL werkt alleen samen met DATABASE_URL (PostgreSQL)');
    // ioredis is loaded only by installations with several processes (OPS-4).
    const { RedisFanout } = await import('./collab/fanout/redis-fanout.ts');
    return await RedisFanout.connect({ url: config.redisUrl!, log: app.log });
  } catch (err) {
    await docStore.close();
    await db.close();
    throw err;
  }
}
