import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { tempDir, testAppConfig } from '../helpers/server.ts';
import { startSmtp, tokenIn, type TestSmtp } from '../helpers/smtp.ts';

const json = (res: { json(): unknown }) => res.json() as Record<string, unknown>;

async function setPassword(fx: AccessFixture, token: string): Promise<number> {
  const res = await fx.app.inject({ method: 'POST', url: '/api/auth/password', payload: { token, password: 'een-goed-wachtwoord' } });
  return res.statusCode;
}

describe('MAIL-1 invitations and resets by SMTP', () => {
  let smtp: TestSmtp;
  let fx: AccessFixture;
  beforeAll(async () => {
    smtp = await startSmtp();
    fx = await accessFixture({ smtpUrl: smtp.url, mailFrom: 'Kijkruimte <noreply@kijkruimte.test>', ownersCreateAccounts: true });
  });
  afterAll(async () => {
    await fx.close();
    await smtp.close();
  });

  it('a new account gets its invitation by mail; the beheerder’s answer holds no link', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/admin/users', headers: fx.headersFor('admin'), payload: { email: 'nieuw@test.example', name: 'Nieuwe Collega' } });
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ delivery: 'mail' });
    expect(JSON.stringify(json(res))).not.toContain('token');
    const mail = await smtp.next();
    expect(mail.to).toEqual(['nieuw@test.example']);
    expect(mail.raw).toContain('Subject: Uitnodiging voor Kijkruimte');
    expect(await setPassword(fx, tokenIn(mail.raw)!)).toBe(200);
  });

  it('a password reset asked for by the person goes by mail', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'onderzoeker@test.example' } });
    expect(res.statusCode).toBe(202);
    const mail = await smtp.next();
    expect(mail.to).toEqual(['onderzoeker@test.example']);
    expect(mail.raw).toContain('Wachtwoord herstellen');
    expect(await setPassword(fx, tokenIn(mail.raw)!)).toBe(200);
  });

  it('with the organisation setting an owner’s invitation of an unknown address creates the account and mails it', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/cycles/${fx.cycleId}/members`,
      headers: fx.headersFor('owner'),
      payload: { email: 'coach@test.example', role: 'researcher', name: 'Coach Carla' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)['invitation']).toEqual({ email: 'coach@test.example', mailed: true });
    expect((json(res)['members'] as { email: string; role: string }[]).find((m) => m.email === 'coach@test.example')?.role).toBe('researcher');
    const mail = await smtp.next();
    expect(mail.to).toEqual(['coach@test.example']);
    expect(mail.raw).toContain('Klantmanager nodigt je uit');
  });
});

describe('MAIL-1 without SMTP the beheerder passes links on', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(async () => fx.close());

  it('creating an account shows the one-time link once, to the beheerder', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/admin/users', headers: fx.headersFor('admin'), payload: { email: 'los@test.example', name: 'Los' } });
    expect(res.statusCode).toBe(201);
    const body = json(res);
    expect(body['delivery']).toBe('link');
    const token = /#token=(.+)$/.exec(String(body['link']))?.[1];
    expect(await setPassword(fx, token!)).toBe(200);
    // The list of accounts never repeats it.
    const list = await fx.app.inject({ method: 'GET', url: '/api/admin/users', headers: fx.headersFor('admin') });
    expect(list.body).not.toContain(token!);
  });

  it('the beheerder makes a new link for someone who forgot their password; only the beheerder may', async () => {
    const res = await fx.app.inject({ method: 'POST', url: `/api/admin/users/${fx.userIds.colleague}/reset-link`, headers: fx.headersFor('admin') });
    expect(res.statusCode).toBe(200);
    expect(String(json(res)['link'])).toContain('/wachtwoord#token=');
    expect((await fx.app.repos.audit.latest(1))[0]).toMatchObject({ action: 'reset_link_issued', target: fx.userIds.colleague });
    const asOwner = await fx.app.inject({ method: 'POST', url: `/api/admin/users/${fx.userIds.colleague}/reset-link`, headers: fx.headersFor('owner') });
    expect(asOwner.statusCode).toBe(403);
  });

  it('an owner inviting an unknown address asks the beheerder, who sees the request without cycle content and whose new account joins the cycle', async () => {
    const invite = await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/members`, headers: fx.headersFor('owner'), payload: { email: 'vraag@test.example', role: 'colleague' } });
    expect(invite.statusCode).toBe(404);
    expect((json(invite)['error'] as { code: string }).code).toBe('user_not_found');
    const ask = await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/account-requests`, headers: fx.headersFor('owner'), payload: { email: 'vraag@test.example', name: 'Vera Vraag', role: 'colleague' } });
    expect(ask.statusCode).toBe(202);
    const list = await fx.app.inject({ method: 'GET', url: '/api/admin/account-requests', headers: fx.headersFor('admin') });
    const requests = json(list)['requests'] as { email: string; name: string; requesterName: string; role: string }[];
    expect(requests).toEqual([expect.objectContaining({ email: 'vraag@test.example', name: 'Vera Vraag', requesterName: 'Klantmanager', role: 'collega (intervisie)' })]);
    expect(list.body).not.toContain('Cyclus A');
    const created = await fx.app.inject({ method: 'POST', url: '/api/admin/users', headers: fx.headersFor('admin'), payload: { email: 'vraag@test.example', name: 'Vera Vraag' } });
    expect(json(created)['joinedCycles']).toBe(1);
    const members = await fx.app.repos.cycles.listMembers(fx.cycleId);
    expect(members.find((m) => m.email === 'vraag@test.example')?.role).toBe('colleague');
    const after = await fx.app.inject({ method: 'GET', url: '/api/admin/account-requests', headers: fx.headersFor('admin') });
    expect(json(after)['requests']).toEqual([]);
  });
});

describe('MAIL-1 quiet logs', () => {
  async function logLines(level: string, run: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>): Promise<{ msg: string; level: number }[]> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ config: await testAppConfig({ dataDir: tempDir(), logLevel: level }), logStream: stream });
    await run(app);
    await app.close();
    return lines.map((l) => JSON.parse(l) as { msg: string; level: number });
  }

  const traffic = async (app: Awaited<ReturnType<typeof buildApp>>) => {
    for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'niemand@test.example' } });
  };

  it('at info level no line per request and no one-time link', async () => {
    const lines = await logLines('info', async (app) => {
      const orgId = await app.repos.users.createOrganisation('Org');
      await app.repos.users.create({ orgId, email: 'iemand@test.example', name: 'Iemand', passwordHash: null, isAdmin: false });
      await traffic(app);
      await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'iemand@test.example' } });
    });
    expect(lines.filter((l) => /request/.test(l.msg))).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('token=');
  });

  it('at debug level one line per request', async () => {
    const lines = await logLines('debug', traffic);
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(6);
  });
});
