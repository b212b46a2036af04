import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { bodyRoutes, fuzzJsonRoutes } from '../fuzz/json-routes.ts';

/** Fixed in CI so a failure replays exactly (`npm run fuzz -- --only json --seed 31`). */
const SEED = 31;
const PER_ROUTE = 100;

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx?.close());

describe('FUZZ-3 every JSON route answers generated bodies with a 2xx or a 4xx error shape, never a 5xx', () => {
  it(`${PER_ROUTE} generated bodies per POST/PUT/PATCH route (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const report = await fuzzJsonRoutes({
      app: fx.app,
      seed: SEED,
      perRoute: PER_ROUTE,
      headersFor: fx.headersFor,
      params: { id: fx.cycleId, recordingId: fx.consentedRecordingId, mediaId: fx.mediaId, stepId: 'reflectie' },
    });
    expect(Object.keys(report.routes)).toEqual(bodyRoutes(fx.app));
    expect(report.requests).toBe(PER_ROUTE * bodyRoutes(fx.app).length);
    // Still up and answering.
    expect((await fx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
