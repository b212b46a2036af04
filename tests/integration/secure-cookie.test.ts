import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture({ secureCookies: true });
  await fx.app.repos.users.updatePassword(fx.userIds.owner, await hashPassword('correct horse battery'));
});
afterAll(async () => fx.close());

it('AUTH-7 outside development the session cookie is Secure with the __Host- prefix', async () => {
  const res = await fx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: 'km@test.example', password: 'correct horse battery' }),
  });
  const raw = res.headers['set-cookie'] as string;
  expect(raw).toMatch(/^__Host-kijkruimte=/);
  expect(raw).toMatch(/; Secure/);
  expect(raw).toMatch(/Path=\//);
  expect(raw).not.toMatch(/Domain=/);
});
