import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addAgendaItem, addObservation, agendaOf, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { valenceLabels } from '../../shared/kijkwijzer/analysis.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
  const base = { author: fx.userIds.researcher, authorName: 'Onderzoeker', kind: 'observation' as const, themes: ['echtheid' as const], mediaId: fx.mediaId };
  await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
    addObservation(observationsOf(doc), { ...base, start: 10, valence: 'concern', text: 'Eerst in tijd, onbedoeld gevolg' });
    addObservation(observationsOf(doc), { ...base, start: 200, valence: 'positive', text: 'Later, wat goed gaat' });
    addObservation(observationsOf(doc), { ...base, start: 50, valence: 'neutral', text: 'Opvallend moment' });
    addAgendaItem(agendaOf(doc), { section: 'echtheid', text: 'Wat maakte dat je doorvroeg?', pillar: 'analysis', valence: 'positive' });
  });
});
afterAll(async () => fx.close());

describe('POSITIVE-1 the export puts what goes well first', () => {
  it('orders observations positive, neutral, then possible unintended effects, in Markdown and the print model', async () => {
    const headers = fx.headersFor('researcher');
    const model = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.json`, headers })).json() as {
      observations: { text: string }[];
      agenda: { items: { text: string; valence: string | null }[] }[];
    };
    expect(model.observations.map((o) => o.text)).toEqual(['Later, wat goed gaat', 'Opvallend moment', 'Eerst in tijd, onbedoeld gevolg']);
    const md = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.md`, headers })).body;
    expect(md.indexOf('Later, wat goed gaat')).toBeLessThan(md.indexOf('Eerst in tijd, onbedoeld gevolg'));
  });
});

describe('POSITIVE-2 an agenda item keeps the valence of its source, in the export too', () => {
  it('names it beside the item', async () => {
    const headers = fx.headersFor('researcher');
    const model = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.json`, headers })).json() as {
      agenda: { items: { text: string; valence: string | null }[] }[];
    };
    const item = model.agenda.flatMap((s) => s.items).find((i) => i.text === 'Wat maakte dat je doorvroeg?');
    expect(item?.valence).toBe(valenceLabels.positive);
    const md = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.md`, headers })).body;
    expect(md).toMatch(new RegExp(`Wat maakte dat je doorvroeg\\? \\([^)]*\\) _${valenceLabels.positive}_`));
  });
});
