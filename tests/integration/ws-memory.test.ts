import type { IncomingMessage } from 'node:http';
import { setImmediate as tick } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cycleDocName } from '../../shared/domain/access.ts';
import { clockPath } from '../../shared/protocol/clock.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { joined, openRaw } from '../helpers/raw-collab.ts';

// A real collection, so the test sees what the server's heap really keeps.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let fx: AccessFixture;
/** Every upgrade request the server received, held weakly. */
const upgrades: WeakRef<IncomingMessage>[] = [];
beforeAll(async () => {
  fx = await accessFixture();
  fx.app.server.on('upgrade', (req: IncomingMessage) => upgrades.push(new WeakRef(req)));
});
afterAll(async () => fx.close());

async function collectedUpgrades(): Promise<number> {
  // A WeakRef's target survives the job that made or read it: collect on later turns.
  for (let i = 0; i < 3; i++) {
    await tick();
    gc();
  }
  return upgrades.filter((ref) => ref.deref() === undefined).length;
}

describe('OPS-6 an open WebSocket does not keep its upgrade request', () => {
  it('a joined collaboration socket and a clock socket let their HTTP request go, and keep working', async () => {
    const raw = await openRaw(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}`, fx.headersFor('researcher'));
    expect(await joined(raw)).toBe(true);
    const clock = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${fx.url.replace('http', 'ws')}${clockPath}`, { headers: fx.headersFor('researcher') });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    expect(upgrades).toHaveLength(2);

    expect(await collectedUpgrades()).toBe(2);

    // Still open and served after the collection.
    const pong = new Promise<Buffer>((resolve) => clock.once('message', resolve));
    clock.send(Buffer.alloc(8));
    expect((await pong).byteLength).toBe(24);
    const before = raw.received.length;
    raw.send(new Uint8Array([0, 0, 1, 0])); // sync step 1 with an empty state vector: answered
    expect(await raw.waitFor(() => raw.received.length > before)).toBe(true);
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);

    clock.close();
    raw.ws.close();
    await raw.closed;
  });
});
