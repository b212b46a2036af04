import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocMigrations, touchpointMigration } from '../../server/collab/doc-migrations.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addObservation, layerDocName, observationsOf, publishedOf } from '../../shared/domain/cycle-doc/index.ts';
import type * as Y from 'yjs';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

/** The stored fields, as written (not as the readers normalise them). */
function stored(map: Y.Map<Y.Map<unknown>>): [unknown, unknown][] {
  return [...map.values()].map((e) => [e.get('kind'), e.get('themes')]);
}

describe('WORDING-3 stored raakmomenten are migrated to the emotion theme', () => {
  it('ran at start-up, and rewrites kind and themes in the shared list, published layers and private layers', async () => {
    expect(await fx.app.repos.docMigrations.isDone(touchpointMigration.name)).toBe(true);
    const r = fx.userIds.researcher;
    const old = { author: r, authorName: 'Onderzoeker', start: 5, kind: 'touchpoint' as const, valence: 'positive' as const, text: 'oud raakmoment' };
    await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
      addObservation(observationsOf(doc), { ...old, themes: ['echtheid'] });
      addObservation(publishedOf(doc, r), { ...old, themes: ['emotie'] });
    });
    await fx.app.collab.withDoc(layerDocName(fx.cycleId, r), (doc) => addObservation(observationsOf(doc), { ...old, themes: [] }));

    await runDocMigrations(fx.app, [{ ...touchpointMigration, name: 'retire-touchpoint-test' }]);

    const doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    const layer = await fx.app.collab.readDoc(layerDocName(fx.cycleId, r));
    expect(stored(observationsOf(doc))).toEqual([['observation', ['echtheid', 'emotie']]]);
    expect(stored(publishedOf(doc, r))).toEqual([['observation', ['emotie']]]);
    expect(stored(observationsOf(layer))).toEqual([['observation', ['emotie']]]);
  });
});
