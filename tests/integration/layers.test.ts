import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addObservation, layerDocName, listPublished, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { connectProvider, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';

let fx: AccessFixture;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

function open(role: Role, docName: string): { provider: WebsocketProvider; headers: Record<string, string> } {
  const headers = fx.headersFor(role);
  const provider = connectProvider(fx.wsUrl, docName, { headers: { cookie: headers.cookie ?? '' } });
  providers.push(provider);
  return { provider, headers };
}

/** Barrier: a second socket of the same author sees the observations, so the server committed them. */
async function serverHas(docName: string, role: Role, count: number): Promise<void> {
  const { provider } = open(role, docName);
  await waitForSynced(provider);
  await waitForDoc(provider.doc, () => observationsOf(provider.doc).size === count);
}

const post = (url: string, headers: Record<string, string>, body: unknown = {}) =>
  fx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

const note = (author: string, start: number, text: string) => ({
  author,
  authorName: author,
  start,
  themes: ['echtheid' as const],
  kind: 'observation' as const,
  valence: 'positive' as const,
  text,
});

describe('LAYER-1 private layers, then publish', () => {
  it('one researcher cannot open another’s private layer (refused at the WebSocket)', async () => {
    const { provider } = open('colleague', layerDocName(fx.cycleId, fx.userIds.researcher));
    expect(await waitForClose(provider)).toBe(closeCodes.forbidden);
    const denied = (await fx.app.repos.audit.latest(5)).find((e) => e.action === 'access_denied');
    expect(denied?.detail).toContain('private_layer');
  });

  it('after publishing, the other members see the observations in the shared cycle', async () => {
    const { provider: layer, headers } = open('researcher', layerDocName(fx.cycleId, fx.userIds.researcher));
    await waitForSynced(layer);
    addObservation(observationsOf(layer.doc), note(fx.userIds.researcher, 61, 'Cliënt lacht als ze over haar dochter praat'));
    addObservation(observationsOf(layer.doc), note(fx.userIds.researcher, 125, 'Klantmanager vat samen'));
    await serverHas(layerDocName(fx.cycleId, fx.userIds.researcher), 'researcher', 2);
    const { provider: owner } = open('owner', cycleDocName(fx.cycleId));
    await waitForSynced(owner);
    expect(listPublished(owner.doc).get(fx.userIds.researcher) ?? []).toHaveLength(0);

    const res = await post(`/api/cycles/${fx.cycleId}/layers/publish`, headers);
    expect(res.json()).toEqual({ published: 2, waitingForReveal: false });
    await waitForDoc(owner.doc, () => (listPublished(owner.doc).get(fx.userIds.researcher) ?? []).length === 2);
    // Publishing again copies nothing twice.
    expect((await post(`/api/cycles/${fx.cycleId}/layers/publish`, headers)).json()).toEqual({ published: 0, waitingForReveal: false });
  });
});

describe('LAYER-2 blind intervision', () => {
  it('colleagues’ layers stay hidden until the facilitator reveals them', async () => {
    const owner = fx.headersFor('owner');
    await fx.app.inject({
      method: 'PUT',
      url: `/api/cycles/${fx.cycleId}/intervision`,
      headers: { ...owner, 'content-type': 'application/json' },
      payload: JSON.stringify({ blind: true }),
    });
    const { provider: layer, headers } = open('colleague', layerDocName(fx.cycleId, fx.userIds.colleague));
    await waitForSynced(layer);
    addObservation(observationsOf(layer.doc), note(fx.userIds.colleague, 300, 'Gedoe over de afspraak'));
    await serverHas(layerDocName(fx.cycleId, fx.userIds.colleague), 'colleague', 1);
    const { provider: shared } = open('researcher', cycleDocName(fx.cycleId));
    await waitForSynced(shared);

    expect((await post(`/api/cycles/${fx.cycleId}/layers/publish`, headers)).json()).toEqual({ published: 0, waitingForReveal: true });
    expect(listPublished(shared.doc).has(fx.userIds.colleague)).toBe(false);

    const reveal = await post(`/api/cycles/${fx.cycleId}/intervision/reveal`, owner);
    expect(reveal.json().published).toBe(1);
    await waitForDoc(shared.doc, () => (listPublished(shared.doc).get(fx.userIds.colleague) ?? []).length === 1);
  });
});

describe('LAYER-3 archived cycles can be read, not changed', () => {
  it('refuses changes with 4423 after archiving', async () => {
    const owner = fx.headersFor('owner');
    const { provider } = open('researcher', cycleDocName(fx.cycleId));
    await waitForSynced(provider);
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/cycles/${fx.cycleId}`,
      headers: { ...owner, 'content-type': 'application/json' },
      payload: JSON.stringify({ status: 'archived' }),
    });
    const closed = waitForClose(provider);
    provider.doc.getText('report-test').insert(0, 'te laat');
    expect(await closed).toBe(closeCodes.cycleArchived);
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/cycles/${fx.cycleId}`,
      headers: { ...owner, 'content-type': 'application/json' },
      payload: JSON.stringify({ status: 'active' }),
    });
  });
});

describe('LAYER-4 intervision needs the client’s consent', () => {
  it('without consent for colleagues, a colleague is refused at the WebSocket (and it is audited)', async () => {
    await fx.app.repos.media.addConsentEvent({
      recordingId: fx.consentedRecordingId,
      actorId: fx.userIds.owner,
      kind: 'withdrawn',
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
      changed: ['colleagues'],
    });
    const { provider } = open('colleague', cycleDocName(fx.cycleId));
    expect(await waitForClose(provider)).toBe(closeCodes.forbidden);
    expect((await fx.app.repos.audit.latest(3)).find((e) => e.action === 'access_denied')?.detail).toContain('consent_missing');
    // Researchers are covered by their own consent and keep working.
    const { provider: researcher } = open('researcher', cycleDocName(fx.cycleId));
    await waitForSynced(researcher);
  });
});
