import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { defaultCollabLimits, type CollabLimits } from '../../server/collab/hooks/limit.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { limits } from '../../shared/limits/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import {
  awarenessMessage,
  isAwareness,
  joined,
  openRaw,
  queryAwarenessMessage,
  syncUpdateMessage,
  type RawAwarenessEntry,
  type RawCollab,
} from '../helpers/raw-collab.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';

/**
 * One session must not be able to take the server down (LIMIT-* in SPEC.md). Every attack closes
 * only the offending socket with its code, while a bystander room keeps editing and converging
 * and `/api/health` keeps answering.
 */

const providers: WebsocketProvider[] = [];
const raws: RawCollab[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
  for (const r of raws.splice(0)) r.ws.terminate();
});

function provider(wsUrl: string, room: string, headers?: Record<string, string>): WebsocketProvider {
  const p = connectProvider(wsUrl, room, headers ? { headers } : {});
  providers.push(p);
  return p;
}

async function raw(url: string, headers: Record<string, string> = {}): Promise<RawCollab> {
  const r = await openRaw(url, headers);
  raws.push(r);
  return r;
}

/** Two providers in a room of their own, synced, before the attack starts. */
async function bystanders(wsUrl: string, room: string, headers?: () => Record<string, string>) {
  const pair = [provider(wsUrl, room, headers?.()), provider(wsUrl, room, headers?.())] as const;
  await Promise.all(pair.map(waitForSynced));
  return pair;
}

let edits = 0;
/** After an attack: the bystanders still edit and converge, and the health check answers. */
async function stillServing(baseUrl: string, [a, b]: readonly [WebsocketProvider, WebsocketProvider]): Promise<void> {
  const word = `nog steeds in de lucht ${++edits}`;
  // The playback transport: a part every member may write (the rule table), also in a cycle.
  a.doc.getMap('playback').set('transport', { word });
  await waitForDoc(b.doc, () => (b.doc.getMap('playback').get('transport') as { word?: string } | undefined)?.word === word);
  expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
}

const entry = (clientId: number, clock = 1, state: Record<string, unknown> | null = { cursor: clientId }): RawAwarenessEntry => ({
  clientId,
  clock,
  state,
});

describe('protocol limits (anonymous foundation sockets)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (overrides: Partial<CollabLimits> = {}) => {
    server = await startProtocolServer({ collabLimits: { ...defaultCollabLimits, ...overrides } });
    return { server, pair: await bystanders(server.wsUrl, 'bystander') };
  };

  describe('LIMIT-1 awareness client ids per connection', () => {
    it('a socket speaking for more ids than a tab needs is closed with awareness_limit', async () => {
      const { server, pair } = await start();
      const max = defaultCollabLimits.maxAwarenessIdsPerConnection;
      const many = await raw(`${server.wsUrl}/aanwezig`);
      many.send(awarenessMessage(Array.from({ length: max + 1 }, (_, i) => entry(1000 + i))));
      expect(await many.closed).toBe(closeCodes.awarenessLimit);
      // One id at a time: the limit counts what the connection has claimed so far.
      const drip = await raw(`${server.wsUrl}/aanwezig`);
      for (let i = 0; i < max; i++) drip.send(awarenessMessage([entry(2000 + i)]));
      drip.send(queryAwarenessMessage());
      expect(await drip.waitFor(isAwareness, 1)).toBe(true);
      drip.send(awarenessMessage([entry(2000 + max)]));
      expect(await drip.closed).toBe(closeCodes.awarenessLimit);
      expect(server.app.collab.registry.loaded('aanwezig')?.awareness.getStates().size ?? 0).toBeLessThanOrEqual(max);
      await stillServing(server.url, pair);
    });

    it('echoes of other peers’ states do not count: eight stock clients in one room all stay', async () => {
      const { server, pair } = await start();
      const peers = Array.from({ length: 8 }, () => provider(server.wsUrl, 'groep'));
      // A state of its own (clock 1): the stock client's initial clock-0 state is applied nowhere.
      peers.forEach((p, i) => p.awareness.setLocalStateField('cursor', i));
      let closes = 0;
      for (const p of peers) p.on('connection-close', () => closes++);
      await Promise.all(peers.map(waitForSynced));
      // Everyone sees everyone, which means every echo went through the server too.
      await Promise.all(
        peers.map(
          (p) =>
            new Promise<void>((resolve) => {
              const check = (): void => {
                if (p.awareness.getStates().size === peers.length) resolve();
              };
              p.awareness.on('change', check);
              check();
            }),
        ),
      );
      peers[0]!.doc.getText('t').insert(0, 'samen');
      await Promise.all(peers.map((p) => waitForDoc(p.doc, () => p.doc.getText('t').toString() === 'samen')));
      expect(closes).toBe(0);
      await stillServing(server.url, pair);
    });
  });

  describe('LIMIT-2 size of awareness states and messages', () => {
    it('a state beyond the limit is refused with awareness_limit', async () => {
      const { server, pair } = await start();
      const big = await raw(`${server.wsUrl}/aanwezig`);
      big.send(awarenessMessage([entry(7, 1, { naam: 'x'.repeat(limits.maxAwarenessStateBytes) })]));
      expect(await big.closed).toBe(closeCodes.awarenessLimit);
      await stillServing(server.url, pair);
    });

    it('a message beyond the limit is refused as a whole, even when each state is small enough', async () => {
      const { server, pair } = await start();
      const state = { naam: 'y'.repeat(limits.maxAwarenessStateBytes - 100) };
      const count = Math.ceil(limits.maxAwarenessMessageBytes / (limits.maxAwarenessStateBytes - 100)) + 1;
      const flood = await raw(`${server.wsUrl}/aanwezig`);
      flood.send(awarenessMessage(Array.from({ length: count }, (_, i) => entry(3000 + i, 1, state))));
      expect(await flood.closed).toBe(closeCodes.awarenessLimit);
      expect(server.app.collab.registry.loaded('aanwezig')?.awareness.getStates().size ?? 0).toBe(0);
      await stillServing(server.url, pair);
    });
  });

  describe('LIMIT-2 presence of a room as a whole', () => {
    it('a filled room drops further presence instead of letting members’ echoes outgrow the message limit', async () => {
      const maxAwarenessMessageBytes = 64 * 1024;
      const { server, pair } = await start({ maxAwarenessMessageBytes });
      // Five sockets with near-maximal states: 75 KiB of presence if all were kept.
      for (let i = 0; i < 5; i++) {
        const filler = await raw(`${server.wsUrl}/vol`);
        filler.send(awarenessMessage([entry(5000 + i, 1, { naam: 'z'.repeat(15_000) })]));
        filler.send(queryAwarenessMessage());
        // The answer: after the room's presence at joining (once there is any).
        expect(await filler.waitFor(isAwareness, i === 0 ? 1 : 2)).toBe(true);
      }
      const room = server.app.collab.registry.loaded('vol')!;
      expect(room.awarenessBytes).toBeLessThanOrEqual(maxAwarenessMessageBytes / 2);
      // A newcomer's stock client echoes the whole room back on joining: it must not be refused.
      const newcomer = provider(server.wsUrl, 'vol');
      const closedEarly = new Promise<string>((resolve) => newcomer.on('connection-close', () => resolve('closed')));
      newcomer.awareness.setLocalStateField('cursor', 'hier');
      const peer = provider(server.wsUrl, 'vol');
      await waitForSynced(peer);
      newcomer.doc.getText('t').insert(0, 'welkom');
      const converged = waitForDoc(peer.doc, () => peer.doc.getText('t').toString() === 'welkom').then(() => 'converged');
      expect(await Promise.race([converged, closedEarly])).toBe('converged');
      expect(newcomer.wsconnected).toBe(true);
      await stillServing(server.url, pair);
    });
  });

  describe('LIMIT-3 query-awareness', () => {
    it('answers only the asker, a few times per window; more closes with awareness_limit', async () => {
      const { server, pair } = await start();
      const member = provider(server.wsUrl, 'vraag');
      member.awareness.setLocalStateField('cursor', 1);
      await waitForSynced(member);
      const watcher = await raw(`${server.wsUrl}/vraag`);
      // The watcher's join brings the member's state: one awareness message.
      expect(await watcher.waitFor(isAwareness, 1)).toBe(true);
      const asker = await raw(`${server.wsUrl}/vraag`);
      expect(await asker.waitFor(isAwareness, 1)).toBe(true);
      const max = defaultCollabLimits.maxAwarenessQueries;
      for (let i = 1; i <= max; i++) {
        asker.send(queryAwarenessMessage());
        expect(await asker.waitFor(isAwareness, 1 + i)).toBe(true);
      }
      asker.send(queryAwarenessMessage());
      expect(await asker.closed).toBe(closeCodes.awarenessLimit);
      // The watcher's own query is answered after anything sent to it for the asker's queries.
      watcher.send(queryAwarenessMessage());
      expect(await watcher.waitFor(isAwareness, 2)).toBe(true);
      expect(watcher.received.filter(isAwareness)).toHaveLength(2);
      await stillServing(server.url, pair);
    });
  });

  describe('LIMIT-5 document size and pending state', () => {
    const maxDocBytes = 64 * 1024;
    const update = (text: string): Uint8Array => {
      const d = new Y.Doc();
      d.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(d);
    };

    it('an update that would pass the limit is refused before it is applied; compaction resets the estimate', async () => {
      const { server, pair } = await start({ maxDocBytes });
      const [a, b] = await bystanders(server.wsUrl, 'groot');
      a.doc.getText('t').insert(0, 'a'.repeat(30_000));
      await waitForDoc(b.doc, () => b.doc.getText('t').length === 30_000);
      const attacker = await raw(`${server.wsUrl}/groot`);
      expect(await joined(attacker)).toBe(true);
      attacker.send(syncUpdateMessage(update('b'.repeat(40_000))));
      expect(await attacker.closed).toBe(closeCodes.documentTooLarge);
      // Nothing relayed: a later edit reaches b, the refused one never did.
      a.doc.getText('t').insert(0, 'c');
      await waitForDoc(b.doc, () => b.doc.getText('t').length === 30_001);
      expect(b.doc.getText('t').toString()).not.toContain('b');
      expect((await server.app.collab.readDoc('groot')).getText('t').length).toBe(30_001);

      // Deleted content is gone from a snapshot: after compaction the room has room again.
      a.doc.getText('t').delete(0, 30_001);
      await waitForDoc(b.doc, () => b.doc.getText('t').length === 0);
      const room = server.app.collab.registry.loaded('groot')!;
      await server.app.collab.persist.compact(room);
      expect(room.byteSize).toBeLessThan(1_000);
      a.doc.getText('t').insert(0, 'd'.repeat(40_000));
      await waitForDoc(b.doc, () => b.doc.getText('t').length === 40_000);
      await stillServing(server.url, pair);
    });

    it('an update with missing dependencies leaves nothing pending: sender refused, room reloaded', async () => {
      const { server, pair } = await start();
      const [member, witness] = await bystanders(server.wsUrl, 'gat');
      member.doc.getText('t').insert(0, 'bewaard');
      // Relayed only once committed: from here on it is in storage.
      await waitForDoc(witness.doc, () => witness.doc.getText('t').toString() === 'bewaard');
      const scratch = new Y.Doc();
      scratch.getText('t').insert(0, 'eerst');
      const sv = Y.encodeStateVector(scratch);
      scratch.getText('t').insert(5, ' daarna');
      const attacker = await raw(`${server.wsUrl}/gat`);
      expect(await joined(attacker)).toBe(true);
      // Only the second half: it depends on 'eerst', which the server never received.
      attacker.send(syncUpdateMessage(Y.encodeStateAsUpdate(scratch, sv)));
      expect(await attacker.closed).toBe(closeCodes.updateIncomplete);
      const reader = provider(server.wsUrl, 'gat');
      await waitForSynced(reader);
      expect(reader.doc.getText('t').toString()).toBe('bewaard');
      expect(server.app.collab.registry.loaded('gat')?.hasPending()).toBe(false);
      await stillServing(server.url, pair);
    });
  });
});

describe('limits per session and person (real sessions)', () => {
  let fx: AccessFixture;
  const cookieOf = (headers: Record<string, string>) => ({ cookie: headers.cookie! });
  const otherCycle = () => bystanders(fx.wsUrl, cycleDocName(fx.otherCycleId), () => cookieOf(fx.headersFor('outsider')));

  describe('LIMIT-4 sockets per session and per person', () => {
    beforeAll(async () => {
      fx = await accessFixture({ collabLimits: { ...defaultCollabLimits, maxSocketsPerSession: 3, maxSocketsPerUser: 5 } });
    });
    afterAll(async () => fx.close());

    it('the new socket beyond either limit is closed with too_many_connections; open ones keep working', async () => {
      const pair = await otherCycle();
      const doc = `${fx.wsUrl}/${cycleDocName(fx.cycleId)}`;
      const session1 = cookieOf(fx.headersFor('researcher'));
      const open: RawCollab[] = [];
      for (let i = 0; i < 3; i++) open.push(await raw(doc, session1));
      expect(await Promise.all(open.map(joined))).toEqual([true, true, true]);
      const fourth = await raw(doc, session1);
      expect(await fourth.closed).toBe(closeCodes.tooManyConnections);

      // A second session (the phone) of the same person: two more fit, then the person's limit.
      const session2 = cookieOf(fx.headersFor('researcher'));
      for (let i = 0; i < 2; i++) open.push(await raw(doc, session2));
      expect(await Promise.all(open.map(joined))).toEqual([true, true, true, true, true]);
      const sixth = await raw(doc, cookieOf(fx.headersFor('researcher')));
      expect(await sixth.closed).toBe(closeCodes.tooManyConnections);
      expect(open.every((r) => r.ws.readyState === r.ws.OPEN)).toBe(true);

      // Someone else in the same cycle is not affected.
      const owner = provider(fx.wsUrl, cycleDocName(fx.cycleId), cookieOf(fx.headersFor('owner')));
      await waitForSynced(owner);

      // A closed socket frees its place (the server may see the close a moment after us).
      open.shift()!.ws.close();
      let again: RawCollab;
      do again = await raw(doc, session1);
      while (!(await joined(again)));
      await stillServing(fx.url, pair);
    });
  });

  describe('LIMIT-6 awareness ids belong to their person for the room’s lifetime', () => {
    beforeAll(async () => {
      fx = await accessFixture();
    });
    afterAll(async () => fx.close());

    it('after a peer left, another member cannot claim its id; the same person can', async () => {
      const pair = await otherCycle();
      const doc = `${fx.wsUrl}/${cycleDocName(fx.cycleId)}`;
      const observer = provider(fx.wsUrl, cycleDocName(fx.cycleId), cookieOf(fx.headersFor('owner')));
      await waitForSynced(observer);
      const seen = (predicate: (states: Map<number, Record<string, unknown>>) => boolean): Promise<void> =>
        new Promise((resolve) => {
          const check = (): void => {
            if (!predicate(observer.awareness.getStates() as Map<number, Record<string, unknown>>)) return;
            observer.awareness.off('change', check);
            resolve();
          };
          observer.awareness.on('change', check);
          check();
        });
      const userOf = (state: Record<string, unknown> | undefined) => (state?.['user'] as { name?: string } | undefined)?.name;
      const id = 424_242;

      const researcher = await raw(doc, cookieOf(fx.headersFor('researcher')));
      researcher.send(awarenessMessage([entry(id, 1, { cursor: 'r' })]));
      await seen((s) => userOf(s.get(id)) === 'Onderzoeker');
      researcher.ws.close();
      await seen((s) => !s.has(id));

      const mallory = await raw(doc, cookieOf(fx.headersFor('colleague')));
      mallory.send(awarenessMessage([entry(id, 5, { cursor: 'overgenomen' })]));
      mallory.send(awarenessMessage([entry(id + 1, 1, { cursor: 'eigen' })]));
      // Relayed in order: once mallory's own state arrives, the claim would have arrived before it.
      await seen((s) => userOf(s.get(id + 1)) === 'Collega');
      expect(observer.awareness.getStates().has(id)).toBe(false);
      expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);

      const back = await raw(doc, cookieOf(fx.headersFor('researcher')));
      back.send(awarenessMessage([entry(id, 6, { cursor: 'terug' })]));
      await seen((s) => s.get(id)?.['cursor'] === 'terug');
      expect(userOf(observer.awareness.getStates().get(id) as Record<string, unknown>)).toBe('Onderzoeker');
      await stillServing(fx.url, pair);
    });
  });
});
