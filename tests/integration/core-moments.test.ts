import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoreMoment, coreReflectionOf, setCoreAnswer } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { layerDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

/** SLIM-5 over a real server: the five core questions' moments name their recording in the export. */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
  await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.owner), (doc) => {
    const map = coreReflectionOf(doc);
    setCoreAnswer(map, 'doel', 'We wilden iets anders');
    addCoreMoment(map, 'doel', { at: 360, text: 'hier merk ik het', mediaId: fx.mediaId });
    addCoreMoment(map, 'doel', { at: 30, text: 'van voor de opnamekeuze' });
  });
});
afterAll(async () => fx.close());

describe('SLIM-5 core-question moments name their recording', () => {
  it('Markdown and the print model say "video N · 06:00", and "opname onbekend" for a moment without a file', async () => {
    const headers = fx.headersFor('owner');
    const model = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.json`, headers })).json() as {
      mediaLabels?: unknown;
      selfReflection: { moments: string[] }[];
    };
    const moments = model.selfReflection.flatMap((a) => a.moments);
    expect(moments).toContainEqual(expect.stringMatching(/^video \d · 06:00 hier merk ik het$/));
    expect(moments).toContain('opname onbekend · 00:30 van voor de opnamekeuze');
    const md = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.md`, headers })).body;
    expect(md).toMatch(/- video \d · 06:00 hier merk ik het/);
  });
});
