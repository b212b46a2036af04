import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { auditActionIds, auditActionLabels } from '../../shared/domain/audit.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
  const { repos } = fx.app;
  const { cycleId, userIds } = fx;
  // 130 playbacks by the researcher, then a few other kinds, so that paging and filters matter.
  for (let i = 0; i < 130; i++) await repos.audit.record({ actorId: userIds.researcher, action: 'media_played', cycleId, target: fx.mediaId, detail: { role: 'researcher' } });
  await repos.audit.record({ actorId: userIds.owner, action: 'media_erased', cycleId, target: fx.consentedRecordingId, detail: { reason: 'withdrawn', scope: 'recording' } });
  await repos.audit.record({ actorId: userIds.colleague, action: 'document_opened', cycleId, target: `${cycleDocName(cycleId)}:interview` });
  await repos.audit.record({ actorId: userIds.colleague, action: 'write_refused', outcome: 'denied', cycleId, target: cycleDocName(cycleId), detail: { part: 'report', rule: 'x', reason: 'forbidden' } });
  await repos.audit.record({ actorId: userIds.owner, action: 'member_added', cycleId, target: userIds.colleague, detail: { role: 'colleague' } });
});
afterAll(async () => fx.close());

type Page = { entries: { action: string; actorName: string | null; subject: string | null; outcome: string }[]; total: number; page: number; pageSize: number };
const getLog = async (query: string) => {
  const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit${query}`, headers: fx.headersFor('owner') });
  return { status: res.statusCode, body: res.json() as Page };
};

describe('LOG-1 the owner’s access log', () => {
  it('every audit action has a Dutch label', () => {
    for (const a of auditActionIds) expect(auditActionLabels[a]).toMatch(/\p{L}/u);
  });

  it('pages on the server: 50 by default, the total counts every matching entry', async () => {
    const first = await getLog('');
    expect(first.status).toBe(200);
    expect(first.body.entries).toHaveLength(50);
    expect(first.body.total).toBeGreaterThanOrEqual(134);
    const third = await getLog('?page=3&pageSize=50');
    expect(third.body.page).toBe(3);
    expect(third.body.entries.length).toBe(Math.min(50, first.body.total - 100));
  });

  it('filters by person, action and period', async () => {
    const byAction = await getLog(`?action=media_played&pageSize=200`);
    expect(byAction.body.total).toBe(130);
    expect(byAction.body.entries.every((e) => e.action === 'media_played')).toBe(true);
    const byPerson = await getLog(`?person=${fx.userIds.colleague}`);
    expect(byPerson.body.entries.map((e) => e.action).sort()).toEqual(['document_opened', 'write_refused']);
    const future = await getLog(`?from=${Date.now() + 3_600_000}`);
    expect(future.body.total).toBe(0);
    const past = await getLog(`?to=${Date.now() + 1_000}&action=member_added`);
    expect(past.body.total).toBeGreaterThan(0);
  });

  it('names what an entry concerns: the recording, the document part, the person', async () => {
    const { body } = await getLog('?pageSize=10');
    const subjectOf = (action: string) => body.entries.find((e) => e.action === action)?.subject;
    expect(subjectOf('member_added')).toBe('Collega');
    expect(subjectOf('write_refused')).toBe('het verslag (het gedeelde cyclusdocument)');
    expect(subjectOf('document_opened')).toBe('het interview met de cliënt');
    expect(subjectOf('media_erased')).toBe('video 1');
    const played = await getLog('?action=media_played&pageSize=1');
    expect(played.body.entries[0]?.subject).toBe('video 1');
    // No identifiers reach the page.
    expect(JSON.stringify(body)).not.toContain(fx.mediaId);
  });

  it('refuses bad filters with validation_failed', async () => {
    expect((await getLog('?action=drop_table')).status).toBe(400);
    expect((await getLog('?pageSize=100000')).status).toBe(400);
    expect((await getLog('?person=not-an-id')).status).toBe(400);
    expect((await getLog('?sneaky=1')).status).toBe(400);
  });

  it('exports as CSV for the owner only, in Dutch, and the export is audited', async () => {
    const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit.csv?action=write_refused`, headers: fx.headersFor('owner') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('tijdstip;persoon;actie;betreft;resultaat');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Collega;probeerde iets te wijzigen dat niet van hem of haar is (geweigerd);het verslag (het gedeelde cyclusdocument);geweigerd');
    expect((await fx.app.repos.audit.latest(1))[0]).toMatchObject({ action: 'access_log_exported', actor_id: fx.userIds.owner });
    const asResearcher = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit.csv`, headers: fx.headersFor('researcher') });
    expect(asResearcher.statusCode).toBe(403);
  });
});
