import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addFragment, fragmentsOf } from '../../shared/domain/cycle-doc/fragments.ts';
import { slimOf, startSlim, updateSlim } from '../../shared/domain/cycle-doc/slim.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/** SLIM in the export (SLIM-3); who may write it is the policy matrix's (doc-policy, write-check). */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
  await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
    const fragment = addFragment(fragmentsOf(doc), { mediaId: null, start: 360, end: 390, label: 'opleiding', createdBy: fx.userIds.researcher });
    const id = startSlim(slimOf(doc), fx.userIds.researcher, 'Onderzoeker');
    updateSlim(slimOf(doc), id, { selfImage: 'wilMaarKanNiet', role: 'facilitator', logic: 'kansen', evidence: [fragment], note: 'Hij zoekt het bij zichzelf' });
  });
});
afterAll(async () => fx.close());

const get = (url: string, role: Role) => fx.app.inject({ method: 'GET', url, headers: fx.headersFor(role) });

describe('SLIM-3 the SLIM analysis is exported', () => {
  it('in the model, with the fit, the explanation and the fragments', async () => {
    const model = (await get(`/api/cycles/${fx.cycleId}/export.json`, 'owner')).json();
    expect(model.slim).toEqual([
      expect.objectContaining({
        author: 'Onderzoeker',
        selfImage: 'Ik wil wel, maar ik kan niet',
        role: 'Facilitator / verkoper',
        roleFit: 'Sluit niet aan',
        logic: 'Kansen',
        logicFit: 'Sluit niet aan',
        evidence: ['opname onbekend · 06:00–06:30 opleiding'],
        note: 'Hij zoekt het bij zichzelf',
      }),
    ]);
    expect(model.slim[0].explanation).toMatch(/^Mismatch/);
  });

  it('in Markdown and DOCX', async () => {
    const md = (await get(`/api/cycles/${fx.cycleId}/export.md`, 'researcher')).body;
    expect(md).toContain('### SLIM: zelfbeeld, rol en interventielogica');
    expect(md).toContain('zelfbeeld: Ik wil wel, maar ik kan niet; rol: Facilitator / verkoper (Sluit niet aan)');
    expect(md).toContain('**▶ fragment opname onbekend · 06:00–06:30 opleiding**');
    const docx = await get(`/api/cycles/${fx.cycleId}/export.docx`, 'owner');
    expect(docx.statusCode).toBe(200);
  });
});
