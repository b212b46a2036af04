import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addTakeaway, reviewsOf, setReview, takeawaysOf } from '../../shared/domain/cycle-doc/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
let nextCycleId: string;
let takeawayId: string;
beforeAll(async () => {
  fx = await accessFixture();
  takeawayId = await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => addTakeaway(takeawaysOf(doc), 'Eerst vragen wat de cliënt zelf wil', 'actiedoel'));
  const created = await fx.app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Vervolggesprek', counterpart: 'cliënt A', previousCycleId: fx.cycleId }),
  });
  nextCycleId = created.json().cycle.id;
  await fx.app.collab.withDoc(cycleDocName(nextCycleId), (doc) => setReview(reviewsOf(doc), takeawayId, { applied: 'deels', note: 'Twee keer gelukt' }));
});
afterAll(async () => fx.close());

const get = (url: string, role: Parameters<AccessFixture['headersFor']>[0]) => fx.app.inject({ method: 'GET', url, headers: fx.headersFor(role) });

describe('LEARN-1 takeaways carry to the next cycle and into the leeragenda', () => {
  it('the next cycle shows the previous takeaways with their check ("toegepast?")', async () => {
    const res = await get(`/api/cycles/${nextCycleId}/previous`, 'owner');
    expect(res.json()).toMatchObject({
      previousCycleId: fx.cycleId,
      takeaways: [{ text: 'Eerst vragen wat de cliënt zelf wil', applied: 'deels', note: 'Twee keer gelukt' }],
    });
  });

  it('TEMPLATE-1 a new cycle starts from the report template of the method (I–VII)', async () => {
    const model = (await get(`/api/cycles/${nextCycleId}/export.json`, 'owner')).json();
    const headings = model.report.filter((b: { type: string }) => b.type === 'heading').map((b: { runs: { text: string }[] }) => b.runs[0]!.text);
    expect(headings).toEqual([
      'I. Achtergrond',
      'II. Gesprek met observaties',
      'III. Interview met de cliënt',
      'IV. Reflectiegesprek',
      'V. Aandachtspunten',
      'VI. Evaluatie',
      'VII. Hoe het is verder gegaan',
    ]);
  });

  it('the leeragenda lists the klantmanager’s cycles with takeaways and whether they were applied', async () => {
    const res = await get('/api/leeragenda', 'owner');
    const cycles = res.json().cycles as { id: string; takeaways: { text: string; applied: string | null }[] }[];
    expect(cycles.map((c) => c.id)).toEqual([fx.cycleId, nextCycleId]);
    expect(cycles[0]!.takeaways).toEqual([expect.objectContaining({ text: 'Eerst vragen wat de cliënt zelf wil', applied: 'deels' })]);
  });

  it('is visible to others only when the klantmanager shares it; never to the administrator', async () => {
    const url = `/api/leeragenda/${fx.userIds.owner}`;
    expect((await get(url, 'researcher')).statusCode).toBe(403);
    expect((await get(url, 'admin')).statusCode).toBe(403);
    const share = await fx.app.inject({
      method: 'POST',
      url: '/api/leeragenda/shares',
      headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'onderzoeker@test.example' }),
    });
    expect(share.json().sharedWith).toEqual([{ userId: fx.userIds.researcher, name: 'Onderzoeker' }]);
    expect((await get(url, 'researcher')).statusCode).toBe(200);
    expect((await get(url, 'colleague')).statusCode).toBe(403);
  });
});
