import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeCodes } from '../../shared/errors/index.ts';
import { ClockEstimator, sampleFromPing } from '../../shared/playback/clock.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${fx.url.replace('http', 'ws')}/api/clock`, { headers: fx.headersFor('researcher') });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function ping(ws: WebSocket): Promise<[number, number, number, number]> {
  return new Promise((resolve) => {
    const t0 = performance.timeOrigin + performance.now();
    ws.once('message', (data: Buffer) => {
      const t3 = performance.timeOrigin + performance.now();
      resolve([data.readDoubleLE(0), data.readDoubleLE(8), data.readDoubleLE(16), t3]);
    });
    const buf = Buffer.alloc(8);
    buf.writeDoubleLE(t0, 0);
    ws.send(buf);
  });
}

describe('PLAY-3 clock pings', () => {
  it('answers t0, t1, t2; on one machine the estimated offset is ~0', async () => {
    const ws = await open();
    const est = new ClockEstimator();
    for (let i = 0; i < 8; i++) {
      const [t0, t1, t2, t3] = await ping(ws);
      expect(t1).toBeGreaterThanOrEqual(t0);
      expect(t2).toBeGreaterThanOrEqual(t1);
      est.add(sampleFromPing(t0, t1, t2, t3));
    }
    expect(Math.abs(est.offset)).toBeLessThan(5);
    ws.close();
  });

  it('closes on anything but an 8-byte binary ping', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send('hallo');
    expect(await closed).toBe(closeCodes.malformedMessage);
  });
});
