import { afterEach, describe, expect, it } from 'vitest';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
afterEach(async () => server?.close());

describe('health and basic sync', () => {
  it('answers /api/health and relays an edit between two y-websocket providers', async () => {
    server = await startProtocolServer();
    const res = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
    const a = connectProvider(server.wsUrl, 'smoke');
    const b = connectProvider(server.wsUrl, 'smoke');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    a.doc.getText('t').insert(0, 'hallo');
    await waitForDoc(b.doc, () => b.doc.getText('t').toString() === 'hallo');
    a.destroy();
    b.destroy();
  });
});
