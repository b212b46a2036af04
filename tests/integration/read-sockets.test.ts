import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addObservation, interviewDocName, layerDocName, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { waitForClose, waitForSynced } from '../helpers/providers.ts';

/**
 * DOCACCESS-2 reads: what a person may not read never reaches their socket. A unique canary sits
 * in each restricted part; for each role, every byte its sockets received is searched.
 */
let fx: AccessFixture;
const canary = {
  interview: 'KANARIE-interview-7f3a',
  researcherLayer: 'KANARIE-laag-onderzoeker-2b9c',
  colleagueLayer: 'KANARIE-laag-collega-blind-5d1e',
  intake: 'KANARIE-intake-9e4f',
};

beforeAll(async () => {
  fx = await accessFixture();
  const note = (author: string, text: string) => ({ author, authorName: 'x', start: 3, themes: [], kind: 'observation' as const, valence: 'neutral' as const, text });
  await fx.app.collab.withDoc(interviewDocName(fx.cycleId), (d) => d.getText('interviewReport').insert(0, canary.interview));
  await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.researcher), (d) => addObservation(observationsOf(d), note(fx.userIds.researcher, canary.researcherLayer)));
  await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.colleague), (d) => addObservation(observationsOf(d), note(fx.userIds.colleague, canary.colleagueLayer)));
  await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (d) => d.getMap('doubts').set('d1', new Y.Map([['text', canary.intake]])));
  // Blind intervision: the colleague marks the layer ready; it waits for the reveal.
  await fx.app.repos.layers.setBlind(fx.cycleId, true);
  const res = await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/layers/publish`, headers: fx.headersFor('colleague'), payload: {} });
  expect(res.json()).toMatchObject({ waitingForReveal: true });
});
afterAll(() => fx.close());

/** Opens `docName` as `role`, collecting every byte the socket receives, until synced or refused. */
async function receivedBytes(role: 'owner' | 'researcher' | 'colleague' | 'outsider', docName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const headers = fx.headersFor(role);
  class Recording extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      this.on('message', (data: Buffer) => chunks.push(Buffer.from(data)));
    }
  }
  const p = new WebsocketProvider(fx.wsUrl, docName, new Y.Doc(), {
    disableBc: true,
    WebSocketPolyfill: Recording as unknown as typeof globalThis.WebSocket,
  });
  const closed = waitForClose(p).then(() => 'closed' as const);
  await Promise.race([waitForSynced(p), closed]);
  p.destroy();
  return Buffer.concat(chunks);
}

describe('DOCACCESS-2 a socket receives only documents its reader may read whole', () => {
  const docs = (): string[] => [
    cycleDocName(fx.cycleId),
    interviewDocName(fx.cycleId),
    layerDocName(fx.cycleId, fx.userIds.researcher),
    layerDocName(fx.cycleId, fx.userIds.colleague),
    layerDocName(fx.cycleId, fx.userIds.owner),
  ];
  const mayRead: Record<'owner' | 'researcher' | 'colleague' | 'outsider', (keyof typeof canary)[]> = {
    owner: ['intake'],
    researcher: ['intake', 'interview', 'researcherLayer'],
    colleague: ['intake', 'colleagueLayer'],
    outsider: [],
  };
  for (const role of ['owner', 'researcher', 'colleague', 'outsider'] as const) {
    it(`${role}: no canary it may not read, in any byte of any of its sockets`, async () => {
      const all = Buffer.concat(await Promise.all(docs().map((d) => receivedBytes(role, d))));
      for (const [name, value] of Object.entries(canary) as [keyof typeof canary, string][]) {
        expect(all.includes(value), `${role} ${mayRead[role].includes(name) ? 'should' : 'must not'} receive ${name}`).toBe(mayRead[role].includes(name));
      }
    });
  }
});
