import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cycleDocName } from '../../shared/domain/access.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, roles, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/**
 * ACCESS-1 The authorisation matrix: every registered route × every role. A route added without
 * an entry here fails the test; default deny means a role not listed must be refused.
 *
 * Requests for allowed roles are built so they pass authorisation and then stop harmlessly
 * (an invalid body → 400, an unknown target → 404), so the matrix changes no state.
 */
type Entry = { allowed: readonly Role[]; body?: unknown; params?: Record<string, string> };

const everyone = roles;
const users: Role[] = ['owner', 'researcher', 'colleague', 'outsider', 'admin'];
const members: Role[] = ['owner', 'researcher', 'colleague'];

const unknownId = '00000000-0000-4000-8000-000000000000';

const matrix: Record<string, Entry> = {
  'GET /api/health': { allowed: everyone },
  'POST /api/auth/login': { allowed: everyone, body: {} },
  'POST /api/auth/logout': { allowed: users },
  'GET /api/me': { allowed: users },
  'POST /api/auth/password-reset': { allowed: everyone, body: {} },
  'POST /api/auth/password': { allowed: everyone, body: {} },
  'GET /api/cycles': { allowed: users },
  // The administrator manages accounts, not content: refused even to create a cycle.
  'POST /api/cycles': { allowed: ['owner', 'researcher', 'colleague', 'outsider'], body: {} },
  'GET /api/cycles/:id': { allowed: members },
  'PATCH /api/cycles/:id': { allowed: ['owner'], body: {} },
  'GET /api/cycles/:id/members': { allowed: members },
  // DELETE-1: only the owner deletes, and only with the title typed (here wrong: 400, nothing deleted).
  'POST /api/cycles/:id/delete': { allowed: ['owner'], body: { confirmTitle: 'niet de titel' } },
  // A receipt is looked up for the person who deleted; an unknown one is 404 for every user.
  'GET /api/deletion-receipts/:receipt': { allowed: users, params: { receipt: 'VW-AAAA-BBBB-CCCC' } },
  'GET /api/deletion-receipts/:receipt/pdf': { allowed: users, params: { receipt: 'VW-AAAA-BBBB-CCCC' } },
  'POST /api/cycles/:id/members': { allowed: ['owner'], body: {} },
  'DELETE /api/cycles/:id/members/:userId': { allowed: ['owner'], params: { userId: '00000000-0000-4000-8000-000000000000' } },
  'GET /api/cycles/:id/audit': { allowed: ['owner'] },
  'GET /api/cycles/:id/audit.csv': { allowed: ['owner'] },
  'POST /api/cycles/:id/account-requests': { allowed: ['owner'], body: {} },
  // Recordings and consent (CONSENT-*, MEDIA-*). The fixture's recording has no consent yet, so
  // only the owner may play it; the consent matrix itself is in media-consent.test.ts.
  'GET /api/cycles/:id/recordings': { allowed: members },
  'POST /api/cycles/:id/recordings': { allowed: ['owner'], body: {} },
  'PUT /api/cycles/:id/recordings/:recordingId/consent': { allowed: ['owner'], body: {}, params: { recordingId: unknownId } },
  'POST /api/cycles/:id/recordings/:recordingId/consent/withdraw': { allowed: ['owner'], body: {}, params: { recordingId: unknownId } },
  'GET /api/cycles/:id/recordings/:recordingId/consent/history': { allowed: ['owner'], params: { recordingId: unknownId } },
  'POST /api/cycles/:id/recordings/:recordingId/consent/form': { allowed: ['owner'], body: {}, params: { recordingId: unknownId } },
  'GET /api/cycles/:id/recordings/:recordingId/consent/form': { allowed: ['owner'], params: { recordingId: unknownId } },
  'POST /api/cycles/:id/uploads': { allowed: ['owner'], body: {} },
  'GET /api/cycles/:id/uploads/:uploadId': { allowed: ['owner'], params: { uploadId: unknownId } },
  'PATCH /api/cycles/:id/uploads/:uploadId': { allowed: ['owner'], body: {}, params: { uploadId: unknownId } },
  'DELETE /api/cycles/:id/uploads/:uploadId': { allowed: ['owner'], params: { uploadId: unknownId } },
  'GET /api/media/:mediaId': { allowed: ['owner'], params: { mediaId: 'fixture' } },
  // Transcripts (TRANSCRIPT-4): read like playback (only the owner here, no consent yet), written by the owner.
  'GET /api/media/:mediaId/transcript': { allowed: ['owner'], params: { mediaId: 'fixture' } },
  'GET /api/media/:mediaId/transcript.vtt': { allowed: ['owner'], params: { mediaId: 'fixture' } },
  'PUT /api/media/:mediaId/transcript': { allowed: ['owner'], body: {}, params: { mediaId: 'fixture' } },
  'PUT /api/media/:mediaId/transcript/speakers': { allowed: ['owner'], body: {}, params: { mediaId: 'fixture' } },
  'DELETE /api/media/:mediaId/transcript': { allowed: ['owner'], params: { mediaId: 'fixture' } },
  'GET /api/cycles/:id/layers': { allowed: members },
  // Publishing copies the caller's own layer; harmless to run (an empty layer publishes nothing).
  'POST /api/cycles/:id/layers/publish': { allowed: members },
  'PUT /api/cycles/:id/intervision': { allowed: ['owner'], body: {} },
  'POST /api/cycles/:id/intervision/reveal': { allowed: ['owner', 'researcher'] },
  // The confidential client interview: only researchers decide what is passed on (DOCACCESS-4).
  'PUT /api/cycles/:id/interview/feedback/:pointId/decision': { allowed: ['researcher'], body: {}, params: { pointId: unknownId } },
  // Fragment links for the client interview (FRAGLINK-*): researchers make, list and end them
  // (no fragments chosen in the fixture: 400 fragment_link_empty).
  'POST /api/cycles/:id/fragment-links': { allowed: ['researcher'], body: {} },
  'GET /api/cycles/:id/fragment-links': { allowed: ['researcher'] },
  'DELETE /api/cycles/:id/fragment-links/:linkId': { allowed: ['researcher'], params: { linkId: unknownId } },
  // The client's page: the exchange is public (a wrong secret is 401 fragment_link_invalid for
  // everyone, members included); the fragments themselves need the tab's session token, which no
  // member's cookie replaces.
  'POST /api/kijken/sessie': { allowed: [], body: { token: 'x'.repeat(43) } },
  'GET /api/kijken/fragmenten': { allowed: [] },
  'GET /api/kijken/media/:index': { allowed: [], params: { index: '0' } },
  'GET /api/cycles/:id/export.json': { allowed: members },
  'GET /api/cycles/:id/export.md': { allowed: members },
  'GET /api/cycles/:id/export.docx': { allowed: members },
  'GET /api/cycles/:id/previous': { allowed: members },
  // The leeragenda is personal: every non-admin user has their own (even without cycles).
  'GET /api/leeragenda': { allowed: ['owner', 'researcher', 'colleague', 'outsider'] },
  // Another person's leeragenda only when shared; here :ownerId is the owner's (shared with nobody).
  'GET /api/leeragenda/:ownerId': { allowed: ['owner'], params: { ownerId: 'OWNER' } },
  'POST /api/leeragenda/shares': { allowed: users, body: {} },
  'DELETE /api/leeragenda/shares/:userId': { allowed: users, params: { userId: '00000000-0000-4000-8000-000000000000' } },
  // The stappenplan (STEPS-1): every member reads it, only the owner sets a step.
  'GET /api/cycles/:id/steps': { allowed: members },
  'PUT /api/cycles/:id/steps/:stepId': { allowed: ['owner'], body: {}, params: { stepId: 'reflectie' } },
  // Werkblad sharing (SELF-1): every member manages their own shares; a werkblad is read by its
  // author and those it is shared with (here the owner's own, shared with nobody).
  'GET /api/cycles/:id/worksheet/shares': { allowed: members },
  'PUT /api/cycles/:id/worksheet/shares': { allowed: members, body: {} },
  'GET /api/cycles/:id/worksheets/:authorId': { allowed: ['owner'], params: { authorId: 'OWNER' } },
  // The owner picks the recording of an old time code (TIMECODE-6); an unknown entry is 400/404.
  'PUT /api/cycles/:id/timecodes/recording': { allowed: ['owner'], body: {} },
  'GET /api/admin/users': { allowed: ['admin'] },
  'POST /api/admin/users': { allowed: ['admin'], body: {} },
  'POST /api/admin/users/:userId/reset-link': { allowed: ['admin'], params: { userId: '00000000-0000-4000-8000-000000000000' } },
  'GET /api/admin/account-requests': { allowed: ['admin'] },
  // SCANGATE-1: the organisation's settings are the beheerder's; an invalid body changes nothing.
  'GET /api/admin/settings': { allowed: ['admin'] },
  'PUT /api/admin/settings': { allowed: ['admin'], body: {} },
  'POST /api/admin/users/:userId/disable': { allowed: ['admin'], params: { userId: '00000000-0000-4000-8000-000000000000' } },
  // The client's form and code (FORM-*, PORTAL-1): only the owner.
  'GET /api/cycles/:id/recordings/:recordingId/client-code': { allowed: ['owner'], params: { recordingId: unknownId } },
  'POST /api/cycles/:id/recordings/:recordingId/client-code': { allowed: ['owner'], params: { recordingId: unknownId } },
  'POST /api/cycles/:id/recordings/:recordingId/client-form.pdf': { allowed: ['owner'], body: {}, params: { recordingId: unknownId } },
  // The client portal (PORTAL-2): logging in with a code is open to anyone (and rate-limited);
  // everything else needs the portal's own session token in its header, which no role here has
  // (a login cookie is not a portal session). portal.test.ts plays the client and the attacker.
  'POST /api/client/session': { allowed: everyone, body: {} },
  'GET /api/client/overview': { allowed: [] },
  'POST /api/client/withdraw': { allowed: [], body: {} },
  'GET /api/client/receipts/:number': { allowed: [], params: { number: 'W-AAAA-AAAA-AAAA' } },
  'GET /api/client/receipts/:number/pdf': { allowed: [], params: { number: 'W-AAAA-AAAA-AAAA' } },
};

/** WebSocket routes are authorised after the upgrade (so the client gets a close code). */
const wsMatrix: Record<Role, number | 'open'> = {
  anonymous: closeCodes.unauthenticated,
  expired: closeCodes.unauthenticated,
  owner: 'open',
  researcher: 'open',
  colleague: 'open',
  outsider: closeCodes.forbidden,
  admin: closeCodes.forbidden,
};

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

describe('ACCESS-1 authorisation matrix', () => {
  it('has an entry for every registered HTTP route', () => {
    const missing = fx.app.routeTable
      .filter((r) => !r.websocket)
      .map((r) => routeKey(r.method, r.url))
      .filter((k) => !(k in matrix));
    expect(missing).toEqual([]);
    expect(new Set(fx.app.routeTable.filter((r) => r.websocket).map((r) => r.url))).toEqual(new Set(['/collab/:docName', '/api/clock']));
  });

  const cases = Object.entries(matrix).flatMap(([key, entry]) => roles.map((role) => ({ key, entry, role })));
  it.each(cases)('$key as $role', async ({ key, entry, role }) => {
    const [method, pattern] = key.split(' ') as [string, string];
    let url = pattern.replace(':id', fx.cycleId);
    // Placeholders: 'fixture' = the fixture's media file, 'OWNER' = the owner's user id.
    const resolve = (value: string) => (value === 'fixture' ? fx.mediaId : value === 'OWNER' ? fx.userIds.owner : value);
    for (const [name, value] of Object.entries(entry.params ?? {})) url = url.replace(`:${name}`, resolve(value));
    const headers = fx.headersFor(role);
    const res = await fx.app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, ...(entry.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(entry.body !== undefined ? { payload: JSON.stringify(entry.body) } : {}),
    });
    if (entry.allowed.includes(role)) {
      expect([401, 403], `${key} as ${role}: ${res.body}`).not.toContain(res.statusCode);
    } else {
      expect([401, 403], `${key} as ${role}: ${res.body}`).toContain(res.statusCode);
      expect(res.json()).toHaveProperty('error.code');
    }
  });

  it('audits every refusal of the administrator on cycle content', async () => {
    const denied = (await fx.app.repos.audit.latest(5_000)).filter((e) => e.actor_id === fx.userIds.admin && e.action === 'access_denied' && e.cycle_id === fx.cycleId);
    const adminCycleRoutes = Object.keys(matrix).filter((k) => k.includes(':id'));
    expect(denied.length).toBeGreaterThanOrEqual(adminCycleRoutes.length);
    expect(denied.every((e) => e.detail?.includes('admin_no_content'))).toBe(true);
  });
});

function wsOutcome(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    // An accepted socket gets the server's sync step 1 at once; a refused one is closed.
    ws.once('message', () => {
      resolve('open');
      ws.close();
    });
    ws.once('close', (code) => resolve(code));
    ws.once('error', reject);
  });
}

describe('ACCESS-2 WebSocket authorisation by session cookie', () => {
  it.each(roles)('the cycle document as %s', async (role) => {
    const outcome = await wsOutcome(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}`, fx.headersFor(role));
    expect(outcome).toBe(wsMatrix[role]);
  });

  it('documents outside any cycle are refused even to a logged-in member', async () => {
    expect(await wsOutcome(`${fx.wsUrl}/demo`, fx.headersFor('owner'))).toBe(closeCodes.forbidden);
  });

  it.each(roles)('the clock socket as %s', async (role) => {
    const allowed = !['anonymous', 'expired'].includes(role);
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${fx.url.replace('http', 'ws')}/api/clock`, { headers: fx.headersFor(role) });
      ws.once('open', () => {
        ws.close();
        resolve('open');
      });
      ws.once('unexpected-response', (req, res) => {
        // With a listener, ws leaves the refused request open; end it so the server can close.
        req.destroy();
        resolve(`HTTP ${res.statusCode}`);
      });
    });
    expect(outcome).toBe(allowed ? 'open' : 'HTTP 401');
  });

  it('a token in the URL is not a credential', async () => {
    const cookie = fx.headersFor('owner').cookie!;
    const token = cookie.split('=')[1]!;
    expect(await wsOutcome(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}?token=${token}&session=${token}`, {})).toBe(
      closeCodes.unauthenticated,
    );
  });
});
