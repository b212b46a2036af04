import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { cycleDocName } from '../../shared/domain/access.ts';
import { api, login } from '../helpers/auth.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { appendLog, connectProvider, logEntries, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { tempDir } from '../helpers/server.ts';
import { testDatabaseUrl } from '../helpers/test-database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const children: ChildServer[] = [];
const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
  for (const c of children.splice(0)) c.proc.kill('SIGKILL');
});

describe('OPS-1 first administrator without demo mode', () => {
  it('create-admin makes a beheerder without a password and prints a one-time link', async () => {
    const dir = tempDir();
    // The run's database (PGSUITE-1): the one the server below opens for this folder.
    const env = { ...process.env, KIJKRUIMTE_DATA_DIR: dir, KIJKRUIMTE_PUBLIC_URL: 'https://kijkruimte.gemeente.example', DATABASE_URL: (await testDatabaseUrl(dir)) ?? '' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts', '--email', 'beheer@gemeente.example', '--name', 'Beheer'], { cwd: root, env });
    const link = /https:\/\/kijkruimte\.gemeente\.example\/wachtwoord#token=([\w-]+)/.exec(stdout);
    expect(link).not.toBeNull();
    // The link sets the password once and logs the administrator in.
    const child = await startChildServer({ KIJKRUIMTE_DATA_DIR: dir });
    children.push(child);
    const set = await api(child.url, null, 'POST', '/api/auth/password', { token: link![1], password: 'een-lang-wachtwoord' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ user: { email: 'beheer@gemeente.example', isAdmin: true } });
    expect((await api(child.url, null, 'POST', '/api/auth/password', { token: link![1], password: 'nog-een-wachtwoord' })).status).toBe(400);
    // Without demo mode there are no default passwords.
    await expect(login(child.url, 'klantmanager@kijkruimte.example')).rejects.toThrow('401');
  });
});

describe('OPS-2 graceful shutdown', () => {
  it('SIGTERM closes sockets, flushes storage and exits 0; the next start has everything', async () => {
    const dir = tempDir();
    const env = { KIJKRUIMTE_DATA_DIR: dir, KIJKRUIMTE_DEMO: '1' };
    const child = await startChildServer(env);
    children.push(child);
    const who = await login(child.url, 'klantmanager@kijkruimte.example');
    const { body } = await api<{ cycles: { id: string }[] }>(child.url, who, 'GET', '/api/cycles');
    const room = cycleDocName(body.cycles[0]!.id);
    const a = connectProvider(child.wsUrl, room, { headers: { cookie: who.cookie } });
    const b = connectProvider(child.wsUrl, room, { headers: { cookie: who.cookie } });
    providers.push(a, b);
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    appendLog(a.doc, 'voor het afsluiten');
    await waitForDoc(b.doc, () => logEntries(b.doc).length === 1);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    for (const p of providers.splice(0)) p.destroy();

    const again = await startChildServer(env);
    children.push(again);
    const who2 = await login(again.url, 'klantmanager@kijkruimte.example');
    const reader = connectProvider(again.wsUrl, room, { headers: { cookie: who2.cookie } });
    providers.push(reader);
    await waitForSynced(reader);
    expect(logEntries(reader.doc)).toEqual(['voor het afsluiten']);
  });
});
