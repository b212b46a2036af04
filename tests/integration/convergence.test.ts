import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connectProvider, disconnectFully, waitForDocs, waitForSynced } from '../helpers/providers.ts';
import { randomInt, seededRandom } from '../helpers/random.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.close();
  server = undefined;
});

/** One random edit on a shared text, map and array, so all Yjs types take part. */
function randomEdit(doc: Y.Doc, rand: () => number, tag: string): void {
  const text = doc.getText('report');
  const list = doc.getArray<string>('items');
  const map = doc.getMap<number>('meta');
  const op = randomInt(rand, 5);
  if (op <= 1 || text.length === 0) text.insert(randomInt(rand, text.length + 1), `${tag} `);
  else if (op === 2) text.delete(randomInt(rand, text.length), Math.min(3, text.length));
  else if (op === 3) list.push([tag]);
  else map.set(`k${randomInt(rand, 5)}`, randomInt(rand, 1000));
}

function stateOf(doc: Y.Doc): string {
  return JSON.stringify({
    report: doc.getText('report').toString(),
    items: doc.getArray('items').toJSON(),
    // Y.Map iteration order is local insertion order, so sort for comparison.
    meta: Object.entries(doc.getMap('meta').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
  });
}

async function converge(docs: Y.Doc[]): Promise<void> {
  // State vectors alone do not cover deletions, so compare the content itself.
  const same = (): boolean => {
    const first = stateOf(docs[0]!);
    return docs.every((d) => stateOf(d) === first);
  };
  await waitForDocs(docs, same);
}

async function runScenario(clients: number, seed: number, rounds: number): Promise<void> {
  server = await startProtocolServer();
  const room = `conv-${clients}-${seed}`;
  const rand = seededRandom(seed);
  for (let i = 0; i < clients; i++) providers.push(connectProvider(server.wsUrl, room));
  await Promise.all(providers.map(waitForSynced));

  for (let round = 0; round < rounds; round++) {
    // A random client drops off, edits offline, and comes back: its edits must merge.
    const offline = providers[randomInt(rand, clients)]!;
    await disconnectFully(offline);
    for (let k = 0; k < 20; k++) {
      const who = randomInt(rand, clients);
      randomEdit(providers[who]!.doc, rand, `c${who}r${round}k${k}`);
    }
    offline.connect();
    await waitForSynced(offline);
  }
  const docs = providers.map((p) => p.doc);
  await converge(docs);
  const states = new Set(docs.map(stateOf));
  expect(states.size).toBe(1);
  // And what the server stored equals what the clients hold.
  const fresh = connectProvider(server.wsUrl, room);
  providers.push(fresh);
  await waitForSynced(fresh);
  expect(stateOf(fresh.doc)).toBe(stateOf(docs[0]!));
}

describe('SYNC-1 convergence with the unmodified y-websocket client', () => {
  it('2 providers converge on seeded random concurrent edits with disconnect/reconnect', async () => {
    await runScenario(2, 11, 10);
  });

  it('10 providers converge on seeded random concurrent edits with disconnect/reconnect', async () => {
    await runScenario(10, 42, 15);
  });
});
