import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

describe('HTTP bad input gets a clear error and changes nothing', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    fx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: { ...fx.headersFor('owner'), 'content-type': 'application/json', ...headers },
      payload,
    });

  it.each([
    ['malformed JSON', '{"title": ', 400, 'bad_request'],
    ['wrong types', '{"title": 42}', 400, 'validation_failed'],
    ['empty title', '{"title": "   "}', 400, 'validation_failed'],
    ['oversized body', JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }), 413, 'payload_too_large'],
  ])('%s → %i %s', async (_name, payload, status, code) => {
    const before = (await fx.app.repos.cycles.listForUser(fx.userIds.owner)).length;
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[a-z]/);
    expect((await fx.app.repos.cycles.listForUser(fx.userIds.owner)).length).toBe(before);
  });

  it('unknown API paths are JSON 404s', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/bestaat-niet' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
