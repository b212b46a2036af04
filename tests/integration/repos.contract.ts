import { describe, expect, it } from 'vitest';
import { verifyAuditChainSql } from '../../server/storage/audit-chain.ts';
import { createRepos, type Repos } from '../../server/plugins/db.ts';
import { isUniqueViolation, type SqlDb } from '../../server/storage/sql.ts';
import { SharedAuditThrottle } from '../../server/storage/audit.ts';

/**
 * The repositories' contract on every adapter of `SqlDb` (SQLite and PostgreSQL): the same
 * repository code must behave the same on both. `create` returns a migrated, empty database;
 * `reopen` a new connection to the same data; `peer` the database a concurrent writer uses in
 * the concurrency cases: on PostgreSQL a second pool, as another process would hold; on SQLite
 * the same connection (one process holds one connection; a second one in the same process would
 * wait for the first synchronously, which is not how the server uses SQLite).
 */
export interface ReposFactory {
  create(): Promise<{ db: SqlDb; reopen(): Promise<SqlDb>; peer(): Promise<SqlDb> }>;
}

const policy = { idleMs: 60_000, absoluteMs: 3_600_000 };

async function someone(repos: Repos, email = 'Klant.Manager@Example.NL') {
  const orgId = await repos.users.createOrganisation('Gemeente');
  const user = await repos.users.create({ orgId, email, name: 'Kim', passwordHash: null, isAdmin: false });
  return { orgId, user };
}

export function describeReposContract(name: string, factory: ReposFactory): void {
  describe(`PGREPO-5 repository contract: ${name}`, () => {
    it('users: created, found by e-mail whatever its case, unique whatever its case, disabled', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user } = await someone(repos);
      expect(user.email).toBe('klant.manager@example.nl');
      expect((await repos.users.findByEmail('KLANT.manager@example.nl'))?.id).toBe(user.id);
      expect(await repos.users.total()).toBe(1);
      const dup = repos.users.create({ orgId, email: 'klant.MANAGER@example.nl', name: 'X', passwordHash: null, isAdmin: false });
      await expect(dup).rejects.toSatisfy(isUniqueViolation);
      await repos.users.disable(user.id);
      expect((await repos.users.get(user.id))?.disabled_at).toEqual(expect.any(Number));
    });

    it('AUTH-10 users: no row but the login\'s carries the password hash; has_password tells invited from active', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user: invited } = await someone(repos);
      const active = await repos.users.create({ orgId, email: 'a@example.nl', name: 'Ans', passwordHash: '$argon2id$canary-hash', isAdmin: false });
      await repos.users.updatePassword(active.id, '$argon2id$canary-hash-2');
      const rows = [
        active,
        await repos.users.get(active.id),
        await repos.users.findByEmail('A@example.nl'),
        ...(await repos.users.listOrganisation(orgId)),
      ];
      for (const row of rows) {
        expect(row).toBeDefined();
        expect(JSON.stringify(row)).not.toContain('canary');
        expect(row).not.toHaveProperty('password_hash');
      }
      expect((await repos.users.get(active.id))?.has_password).toBe(1);
      expect((await repos.users.get(invited.id))?.has_password).toBe(0);
      const login = await repos.users.credentials('A@Example.nl');
      expect(login?.passwordHash).toBe('$argon2id$canary-hash-2');
      expect(login?.user).toEqual(await repos.users.get(active.id));
      expect(login?.user).not.toHaveProperty('password_hash');
      expect((await repos.users.credentials('k@example.nl'))).toBeUndefined();
      expect((await repos.users.credentials('klant.manager@example.nl'))?.passwordHash).toBeNull();
    });

    it('sessions: created, resolved, touched, expired, ended, and still there after reopening', async () => {
      const { db, reopen } = await factory.create();
      const repos = createRepos(db, policy);
      const { user } = await someone(repos);
      const t0 = 1_000_000;
      const { token, row } = await repos.sessions.create(user.id, t0);
      expect((await repos.sessions.resolve(token, t0 + 1000))?.user_id).toBe(user.id);
      // Idle: gone after idleMs without a touch; a touch keeps it.
      expect(await repos.sessions.resolve(token, t0 + policy.idleMs + 1)).toBeUndefined();
      await repos.sessions.touch(row, t0 + policy.idleMs - 1);
      expect((await repos.sessions.getByHash(row.id_hash))?.last_seen_at).toBe(t0 + policy.idleMs - 1);
      expect(await repos.sessions.resolve(token, t0 + policy.idleMs + 1)).toBeDefined();
      // Absolute expiry.
      expect(await repos.sessions.resolve(token, t0 + policy.absoluteMs)).toBeUndefined();
      const again = createRepos(await reopen(), policy);
      expect((await again.sessions.resolve(token, t0 + 1000))?.id_hash).toBe(row.id_hash);
      await repos.sessions.end(row.id_hash);
      expect(await again.sessions.resolve(token, t0 + 1000)).toBeUndefined();
    });

    it('cycles and memberships: owner, members by role, removal', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user } = await someone(repos);
      const colleague = await repos.users.create({ orgId, email: 'c@example.nl', name: 'Cas', passwordHash: null, isAdmin: false });
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Gesprek', counterpart: 'Mevrouw A' });
      await repos.cycles.addMember(cycle.id, colleague.id, 'colleague', user.id);
      expect(await repos.cycles.role(cycle.id, user.id)).toBe('owner');
      expect(await repos.cycles.role(cycle.id, colleague.id)).toBe('colleague');
      expect((await repos.cycles.listMembers(cycle.id)).map((m) => m.role).sort()).toEqual(["colleague", "owner"]);
      expect((await repos.cycles.listForUser(colleague.id)).map((c) => c.id)).toEqual([cycle.id]);
      expect(await repos.cycles.removeMemberOf(cycle.id, colleague.id)).toBe(true);
      expect(await repos.cycles.role(cycle.id, colleague.id)).toBeUndefined();
      expect(await repos.cycles.listForUser(colleague.id)).toEqual([]);
    });

    it('audit: entries chain, concurrent appends from two connections never fork it, listForCycle is newest first', async () => {
      const { db, peer } = await factory.create();
      const repos = createRepos(db, policy);
      const other = createRepos(await peer(), policy);
      const { orgId, user } = await someone(repos);
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Gesprek', counterpart: '' });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? repos : other).audit.record({ actorId: user.id, action: 'document_opened', cycleId: cycle.id, target: `t${i}` }),
        ),
      );
      const report = await verifyAuditChainSql(db);
      expect(report.problems).toEqual([]);
      expect(report.rows).toBe(20);
      const listed = await repos.audit.listForCycle(cycle.id);
      expect(listed).toHaveLength(20);
      expect(listed.map((e) => e.id)).toEqual([...listed.map((e) => e.id)].sort((a, b) => b - a));
      expect(listed[0]).toMatchObject({ actorName: 'Kim', action: 'document_opened' });
      // The owner's filtered, paged log: every filter optional (a NULL parameter switches it off).
      const all = await repos.auditQueries.pageForCycle(cycle.id, {}, 5, 0);
      expect(all.total).toBe(20);
      expect(all.rows.map((r) => r.id)).toEqual(listed.slice(0, 5).map((e) => e.id));
      const filtered = await repos.auditQueries.pageForCycle(cycle.id, { actorId: user.id, action: 'document_opened', from: 0, to: Date.now() + 1 }, 50, 10);
      expect(filtered).toMatchObject({ total: 20 });
      expect(filtered.rows).toHaveLength(10);
      expect((await repos.auditQueries.pageForCycle(cycle.id, { action: 'cycle_deleted' }, 5, 0)).total).toBe(0);
    });

    it('audit: the id follows the highest ever handed out, so rows removed from the end show as missing', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      for (let i = 0; i < 3; i++) await repos.audit.record({ actorId: null, action: 'document_opened', target: `t${i}` });
      // Someone with the database lifts the append-only trigger and removes the newest row.
      if (db.dialect === 'postgres') {
        await db.run('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await db.run('DELETE FROM audit_events WHERE id = 3');
        await db.run('ALTER TABLE audit_events ENABLE TRIGGER USER');
      } else {
        await db.run('DROP TRIGGER audit_no_delete');
        await db.run('DELETE FROM audit_events WHERE id = 3');
      }
      expect((await verifyAuditChainSql(db)).problems).toEqual([{ kind: 'missing_tail', id: 3 }]);
      // The next entry does not reuse the removed id.
      await repos.audit.record({ actorId: null, action: 'document_opened', target: 't3' });
      expect((await repos.audit.latest(1))[0]!.id).toBe(4);
    });

    it('PORTAL-7 media: one claim on a recording\'s erasure at a time, also from two connections at once; stale claims lapse', async () => {
      const { db, peer } = await factory.create();
      const repos = createRepos(db, policy);
      const other = createRepos(await peer(), policy);
      const { orgId, user } = await someone(repos);
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Gesprek', counterpart: '' });
      const rec = await repos.media.createRecording(cycle.id, 'Opname 1', user.id);
      // Two processes ask at the same moment: exactly one gets it.
      const both = await Promise.all([repos.media.claimErasure(rec.id, 1_000), other.media.claimErasure(rec.id, 1_000)]);
      expect(both.filter((c) => c !== null)).toEqual([1_000]);
      expect(await other.media.claimErasure(rec.id, 2_000)).toBeNull();
      // A claim its process never gave back lapses after the stale time.
      expect(await other.media.claimErasure(rec.id, 1_000 + 60_000, 60_000)).toBeNull();
      const taken = await other.media.claimErasure(rec.id, 1_001 + 60_000, 60_000);
      expect(taken).toBe(61_001);
      // Giving back someone else's (older) claim changes nothing; one's own frees it at once.
      await repos.media.releaseErasure(rec.id, 1_000);
      expect(await repos.media.claimErasure(rec.id, 61_002)).toBeNull();
      await other.media.releaseErasure(rec.id, taken!);
      expect(await repos.media.claimErasure(rec.id, 61_003)).toBe(61_003);
      // An erased recording is never claimed again.
      await repos.media.markRecordingErased(rec.id, 'ingetrokken');
      await repos.media.releaseErasure(rec.id, 61_003);
      expect(await other.media.claimErasure(rec.id, 70_000)).toBeNull();
    });

    it('media: metadata and key together; erasing removes the key row and reclaims', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user } = await someone(repos);
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Gesprek', counterpart: '' });
      const rec = await repos.media.createRecording(cycle.id, 'Opname 1', user.id);
      const wrapped = Buffer.from([1, 2, 3, 250]);
      const media = await repos.media.createMediaWithKey({
        id: 'm1', recordingId: rec.id, orgId, kind: 'video', keyId: 'k1', fileName: 'a.mp4', mime: 'video/mp4', sizeBytes: 10, createdBy: user.id, wrappedKey: wrapped,
      });
      expect(media).toMatchObject({ id: 'm1', status: 'uploading', size_bytes: 10, key_id: 'k1' });
      expect(await repos.media.wrappedKey('k1')).toEqual(wrapped);
      expect(await repos.media.openUploads(user.id)).toBe(1);
      expect(await repos.media.orgUsage(orgId)).toBe(0);
      expect(await repos.media.eraseKey('m1', 'ingetrokken')).toBe('k1');
      expect(await repos.media.wrappedKey('k1')).toBeUndefined();
      expect(await db.get('SELECT id FROM media_keys WHERE id = ?', ['k1'])).toBeUndefined();
      expect(await repos.media.media('m1')).toMatchObject({ status: 'erased', key_id: null, file_name: null });
      await db.reclaim(['media_keys', 'media_files']);
    });

    it('tab sessions: 20 concurrent hits on one key count 1..20', async () => {
      const { db, peer } = await factory.create();
      const repos = createRepos(db, policy);
      const other = createRepos(await peer(), policy);
      const now = 5_000_000;
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? repos : other).tabSessions.hit('code:abc', now, 60_000)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await repos.tabSessions.count('code:abc', now)).toBe(20);
      // A new window starts over.
      expect(await repos.tabSessions.hit('code:abc', now + 60_000, 60_000)).toBe(1);
      await repos.tabSessions.insert({ token_hash: 'h', kind: 'client', subject: 'r', created_at: now, expires_at: now + 10 });
      expect((await repos.tabSessions.get('client', 'h'))?.subject).toBe('r');
      await repos.tabSessions.prune(now + 10);
      expect(await repos.tabSessions.get('client', 'h')).toBeUndefined();
    });

    it('SCALE-10 audit throttles of two processes on one database: one entry per key and window between them', async () => {
      const { db, peer } = await factory.create();
      const mine = new SharedAuditThrottle(createRepos(db, policy).tabSessions, 'media_played', 600_000);
      const theirs = new SharedAuditThrottle(createRepos(await peer(), policy).tabSessions, 'media_played', 600_000);
      const now = 7_000_000;
      // Both processes see their first range of the same person and file at once: one records.
      const first = await Promise.all([mine.shouldRecord('u1:m1', now), theirs.shouldRecord('u1:m1', now)]);
      expect(first.filter(Boolean)).toHaveLength(1);
      // Repeats within the window, on either process, record nothing; another file does.
      expect(await mine.shouldRecord('u1:m1', now + 1_000)).toBe(false);
      expect(await theirs.shouldRecord('u1:m1', now + 599_000)).toBe(false);
      expect(await theirs.shouldRecord('u1:m2', now + 1_000)).toBe(true);
      // The next window: again exactly one of them.
      const next = [await mine.shouldRecord('u1:m1', now + 600_000), await theirs.shouldRecord('u1:m1', now + 600_001)];
      expect(next.filter(Boolean)).toHaveLength(1);
      // The counters hold hashes, not the person or the file.
      const keys = await db.all<{ key: string }>('SELECT key FROM rate_counters');
      expect(keys.length).toBeGreaterThan(0);
      for (const { key } of keys) expect(key).not.toMatch(/u1|m1|m2/);
    });

    it('the other repositories: layers, steps, shares, werkblad shares, tokens, portal, transcripts, fragment links, doc migrations', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user } = await someone(repos);
      const other = await repos.users.create({ orgId, email: 'o@example.nl', name: 'Olaf', passwordHash: null, isAdmin: false });
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Gesprek', counterpart: '' });
      await repos.cycles.addMember(cycle.id, other.id, 'researcher', user.id);

      await repos.layers.setBlind(cycle.id, true);
      await repos.layers.markReady(cycle.id, other.id);
      await repos.layers.markPublished(cycle.id, other.id);
      expect(await repos.layers.intervision(cycle.id)).toEqual({ blind: true, revealedAt: null });
      expect((await repos.layers.statuses(cycle.id)).map((r) => [r.user_id, r.ready_at !== null, r.published_at !== null])).toEqual([[other.id, true, true]]);

      await repos.steps.set(cycle.id, 'opname', { status: 'bezig', date: null, reason: '' }, user.id);
      await repos.steps.set(cycle.id, 'opname', { status: 'klaar', date: '2026-12-01', reason: '' }, user.id);
      expect((await repos.steps.list(cycle.id)).map((r) => [r.step_id, r.status, r.date])).toEqual([['opname', 'klaar', '2026-12-01']]);

      await repos.shares.share(user.id, other.id);
      await repos.shares.share(user.id, other.id);
      expect(await repos.shares.canView(user.id, other.id)).toBe(true);
      expect((await repos.shares.viewersOf(user.id)).map((p) => p.name)).toEqual(['Olaf']);
      await repos.worksheetShares.replace(cycle.id, user.id, [other.id]);
      expect(await repos.worksheetShares.mayRead(cycle.id, user.id, other.id)).toBe(true);
      expect(await repos.worksheetShares.mayRead(cycle.id, other.id, user.id)).toBe(false);

      const token = await repos.tokens.issue(other.id, 'invite', 60_000);
      expect(await repos.tokens.consume(token, 'invite')).toBe(other.id);
      expect(await repos.tokens.consume(token, 'invite')).toBeUndefined();

      const rec = await repos.media.createRecording(cycle.id, 'Opname 1', user.id);
      const code = await repos.portal.issueCode(rec.id, user.id);
      expect(await repos.portal.recordingOfCode(code)).toBe(rec.id);
      expect(await repos.portal.hasCode(rec.id)).toBe(true);
      await repos.portal.issueCode(rec.id, user.id);
      expect(await repos.portal.recordingOfCode(code)).toBeUndefined();
      expect(await repos.portal.accessOf(cycle.id, rec.id)).toEqual([]);

      await repos.media.createMediaWithKey({
        id: 'm3', recordingId: rec.id, orgId, kind: 'video', keyId: 'k3', fileName: null, mime: null, sizeBytes: 1, createdBy: user.id, wrappedKey: Buffer.from([3]),
      });
      const cues = [{ start: 0, end: 1500, speaker: 'Jan', text: 'Goedemorgen' }];
      await repos.transcripts.put({ mediaId: 'm3', cycleId: cycle.id, format: 'vtt', cues, speakers: [], importedBy: user.id });
      await repos.transcripts.put({ mediaId: 'm3', cycleId: cycle.id, format: 'vtt', cues, speakers: [], importedBy: user.id });
      expect((await repos.transcripts.get('m3'))?.cues).toEqual(cues);
      expect(await repos.transcripts.setSpeakers('m3', [{ name: 'Jan', role: 'klantmanager', pseudonym: null }])).toBe(true);
      expect(await repos.transcripts.delete('m3')).toBe(true);

      const { link, token: linkToken } = await repos.fragmentLinks.create({
        cycleId: cycle.id, createdBy: user.id, ttlMs: 60_000, fragments: [{ mediaId: 'm3', recordingId: rec.id, start: 1, end: 2.5, label: 'Begin' }],
      });
      expect((await repos.fragmentLinks.byToken(linkToken))?.id).toBe(link.id);
      await repos.fragmentLinks.addFile({ id: 'f1', link_id: link.id, position: 0, key_id: 'fk1', size_bytes: 5, mime: 'video/mp4', file_start: 1, file_end: 2.5 }, Buffer.from([7]));
      expect((await repos.fragmentLinks.file(link.id, 0))?.file_end).toBe(2.5);
      expect(await repos.fragmentLinks.blankLabels(cycle.id, rec.id, '…')).toBe(1);
      expect(await repos.fragmentLinks.eraseFiles(link.id)).toEqual(['f1']);
      expect(await db.get('SELECT id FROM media_keys WHERE id = ?', ['fk1'])).toBeUndefined();

      await repos.docMigrations.markDone('m');
      await repos.docMigrations.markDone('m');
      expect(await repos.docMigrations.isDone('m')).toBe(true);
      expect(await repos.docMigrations.cycleIds()).toEqual([cycle.id]);
    });

    it('cycle erasure: every row of the cycle is gone, the audit log stays', async () => {
      const { db } = await factory.create();
      const repos = createRepos(db, policy);
      const { orgId, user } = await someone(repos);
      const cycle = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Weg', counterpart: '' });
      const keep = await repos.cycles.create({ orgId, ownerId: user.id, title: 'Blijft', counterpart: '' });
      const rec = await repos.media.createRecording(cycle.id, 'Opname 1', user.id);
      await repos.media.createMediaWithKey({
        id: 'm2', recordingId: rec.id, orgId, kind: 'video', keyId: 'k2', fileName: null, mime: null, sizeBytes: 1, createdBy: user.id, wrappedKey: Buffer.from([9]),
      });
      await repos.media.addConsentEvent({
        recordingId: rec.id, actorId: user.id, kind: 'recorded', decisions: { record: true } as never, changed: [],
      });
      await repos.audit.record({ actorId: user.id, action: 'document_opened', cycleId: cycle.id });
      await repos.media.eraseKey('m2', 'cyclus verwijderd');
      const erased = await repos.cycleErasure.eraseCycle(cycle.id);
      expect(erased).toMatchObject({ recordings: 1, consentEvents: 1, mediaRows: 1, memberships: 1 });
      expect(await repos.cycles.get(cycle.id)).toBeUndefined();
      expect(await db.all('SELECT id FROM recordings WHERE cycle_id = ?', [cycle.id])).toEqual([]);
      expect(await db.all('SELECT id FROM media_files WHERE recording_id = ?', [rec.id])).toEqual([]);
      expect(await db.all('SELECT id FROM consent_events WHERE recording_id = ?', [rec.id])).toEqual([]);
      expect(await db.all('SELECT cycle_id FROM cycles_being_deleted')).toEqual([]);
      expect((await repos.cycles.get(keep.id))?.title).toBe('Blijft');
      expect(await repos.audit.listForCycle(cycle.id)).toHaveLength(1);
    });
  });
}
