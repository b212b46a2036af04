import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { AppConfig } from '../../server/config/index.ts';
import { tempDir, testAppConfig } from './server.ts';

export const roles = ['anonymous', 'owner', 'researcher', 'colleague', 'outsider', 'admin', 'expired'] as const;
export type Role = (typeof roles)[number];

export interface AccessFixture {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  cycleId: string;
  otherCycleId: string;
  /** A recording (without media) whose client consented to every use except training. */
  consentedRecordingId: string;
  /** A recording in the cycle with one ready media file (no consent recorded yet). */
  recordingId: string;
  mediaId: string;
  userIds: Record<Exclude<Role, 'anonymous' | 'expired'>, string>;
  /** A fresh session for a role: { cookie, csrf } headers, or {} for anonymous. */
  headersFor(role: Role): Record<string, string>;
  close(): Promise<void>;
}

/**
 * One organisation with every role the method knows: the klantmanager owning a cycle, a
 * researcher and an intervision colleague in it, an outsider who owns another cycle, the
 * administrator, and an expired session. Sessions are minted directly (no password hashing) so
 * each request can have its own.
 */
export async function accessFixture(overrides: Partial<AppConfig> = {}): Promise<AccessFixture> {
  const app = await buildApp({
    config: await testAppConfig({ dataDir: tempDir(), clientDir: path.resolve('does-not-exist'), ...overrides }),
  });
  // PGSUITE-2: `headersFor` is synchronous, so the session's INSERT is still under way when the
  // test sends its request. SQLite runs statements one after another on one connection, so the
  // request's lookup came after it; a PostgreSQL pool may serve the lookup first (a spurious 401).
  // So every read of a session (the auth hook's, the sockets' re-checks; `resolve` reads through
  // `getByHash`) first waits for the sessions minted so far. Test-only, on this app's instance: an
  // onRequest hook added here would run after the auth plugin's own. A failed mint fails the read.
  const pendingMints = new Set<Promise<void>>();
  const getByHash = app.repos.sessions.getByHash.bind(app.repos.sessions);
  app.repos.sessions.getByHash = async (idHash) => {
    if (pendingMints.size > 0) await Promise.all(pendingMints);
    return getByHash(idHash);
  };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { repos } = app;
  const orgId = await repos.users.createOrganisation('Testgemeente');
  const make = async (email: string, name: string, isAdmin = false) => (await repos.users.create({ orgId, email, name, passwordHash: null, isAdmin })).id;
  const userIds = {
    owner: await make('km@test.example', 'Klantmanager'),
    researcher: await make('onderzoeker@test.example', 'Onderzoeker'),
    colleague: await make('collega@test.example', 'Collega'),
    outsider: await make('buiten@test.example', 'Buitenstaander'),
    admin: await make('beheer@test.example', 'Beheerder', true),
  };
  const cycle = await repos.cycles.create({ orgId, ownerId: userIds.owner, title: 'Cyclus A', counterpart: 'cliënt A' });
  await repos.cycles.addMember(cycle.id, userIds.researcher, 'researcher', userIds.owner);
  await repos.cycles.addMember(cycle.id, userIds.colleague, 'colleague', userIds.owner);
  const other = await repos.cycles.create({ orgId, ownerId: userIds.outsider, title: 'Cyclus B', counterpart: 'cliënt B' });
  // A recording whose client consented to every use, so that intervision colleagues may work in
  // cycle A (tests about missing consent withdraw it themselves).
  const recording = await repos.media.createRecording(cycle.id, 'video 1', userIds.owner);
  await repos.media.addConsentEvent({
    recordingId: recording.id,
    actorId: userIds.owner,
    kind: 'recorded',
    decisions: { own: true, researchers: true, colleagues: true, training: false, clientInterview: true },
    changed: ['own', 'researchers', 'colleagues', 'clientInterview'],
  });
  const media = await app.media.importMedia({
    cycleId: cycle.id,
    orgId,
    userId: userIds.owner,
    data: fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4')),
    label: 'video 1',
  });

  const cookieName = app.sessionCookie.name;
  const headersFor = (role: Role): Record<string, string> => {
    if (role === 'anonymous') return {};
    const userId = role === 'expired' ? userIds.researcher : userIds[role];
    // An expired session: created 13 hours ago, past the 12-hour absolute limit.
    const now = role === 'expired' ? Date.now() - 13 * 3_600_000 : Date.now();
    const { token, row, written } = repos.sessions.mint(userId, now);
    const pending: Promise<void> = written.finally(() => pendingMints.delete(pending));
    pendingMints.add(pending);
    // Reported by the requests that wait on it (above), not as an unhandled rejection.
    pending.catch(() => undefined);
    return { cookie: `${cookieName}=${token}`, 'x-csrf-token': row.csrf_token };
  };
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    cycleId: cycle.id,
    otherCycleId: other.id,
    consentedRecordingId: recording.id,
    recordingId: media.recording_id,
    mediaId: media.id,
    userIds,
    headersFor,
    close: () => app.close(),
  };
}
