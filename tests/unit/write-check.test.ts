import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type WriteSender, type WriteVerdict } from '../../server/access/write-check.ts';
import { docReaders, mayWriteDocAtAll, partIds, partOf, partRules, writeOps, writeRefusal, type DocKind, type PartId } from '../../shared/access/rules.ts';
import { cycleRoles, type CycleRole } from '../../shared/domain/access.ts';
import { addObservation, addReply, docKeys, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { roomSettingKeys } from '../../shared/playback/room.ts';
import { matrixRows } from '../helpers/doc-writes.ts';
import { seededRandom } from '../helpers/random.ts';

const users: Record<CycleRole, string> = { owner: 'u-owner', researcher: 'u-researcher', colleague: 'u-colleague' };
const other = (role: CycleRole): string => (role === 'owner' ? users.researcher : users.owner);

/** Sends what `mutate` does on a synced copy of `server` through the check; applies it if allowed. */
function attempt(server: Y.Doc, kind: DocKind, sender: WriteSender, mutate: (doc: Y.Doc) => void, layerOwner: string | null = null): WriteVerdict {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  mutate(client);
  if (updates.length === 0) return { ok: true, parts: [] };
  const update = Y.mergeUpdates(updates);
  const verdict = checkUpdate(server, Y.decodeUpdate(update), kind, sender, layerOwner);
  if (verdict.ok) Y.applyUpdate(server, update);
  return verdict;
}

describe('DOCACCESS-1 the rule table', () => {
  it('has a rule for every top-level name of the documents', () => {
    const ruled = new Set(partIds.map((p) => partRules[p].key));
    for (const key of Object.values(docKeys)) expect(ruled.has(key), `docKeys.${key} has no rule in shared/access/rules.ts`).toBe(true);
  });

  it('lets a document be read only by those who may read every part of it', () => {
    for (const part of partIds) expect([...partRules[part].read].sort()).toEqual([...docReaders[partRules[part].doc]].sort());
  });
});

describe('DOCACCESS-3 write check: policy matrix from the rule table', () => {
  for (const kind of ['cycle', 'interview', 'layer'] as const) {
    const rows = matrixRows(partIds.filter((p) => partRules[p].doc === kind));
    for (const role of cycleRoles) {
      for (const { part, sub, writes } of rows) {
        for (const op of writeOps) {
          const layerOwner = kind === 'layer' ? users[role] : null;
          const ctx = { userId: users[role], role, author: other(role), layerOwnerId: layerOwner, presenter: null };
          const allowed = writeRefusal(part, op, ctx, sub) === null;
          it(`${kind} ${part}${sub ? `.${sub}` : ''} ${op} by ${role}: ${allowed ? 'allowed' : 'refused'}`, () => {
            const server = new Y.Doc();
            const target = writes.seed(server, other(role));
            const before = Y.encodeStateAsUpdate(server);
            const verdict = attempt(server, kind, { userId: users[role], role }, (d) => writes.apply(d, op, users[role], target), layerOwner);
            expect(verdict.ok).toBe(allowed);
            if (allowed) expect(writes.applied(server, op, target)).toBe(true);
            else expect(Y.encodeStateAsUpdate(server)).toEqual(before);
          });
        }
      }
    }
  }
});

describe('DOCACCESS-3 forgery', () => {
  const researcher = { userId: users.researcher, role: 'researcher' as const };
  const colleague = { userId: users.colleague, role: 'colleague' as const };
  const base = { authorName: 'x', kind: 'observation' as const, valence: 'neutral' as const, text: 'x', start: 1, themes: [] };

  it('refuses an observation whose author is someone else, and a later change of the author field', () => {
    const server = new Y.Doc();
    expect(attempt(server, 'cycle', researcher, (d) => addObservation(observationsOf(d), { ...base, author: users.owner })).ok).toBe(false);
    let id = '';
    expect(attempt(server, 'cycle', researcher, (d) => (id = addObservation(observationsOf(d), { ...base, author: users.researcher }))).ok).toBe(true);
    expect(attempt(server, 'cycle', researcher, (d) => observationsOf(d).get(id)!.set('author', users.owner)).ok).toBe(false);
    // Written twice in one update: created as oneself, then renamed — still refused.
    const twice = attempt(server, 'cycle', researcher, (d) =>
      d.transact(() => {
        const newId = addObservation(observationsOf(d), { ...base, author: users.researcher });
        observationsOf(d).get(newId)!.set('author', users.owner);
      }),
    );
    expect(twice.ok).toBe(false);
  });

  it('allows replies by anyone in their own name, removal only by their author', () => {
    const server = new Y.Doc();
    let id = '';
    attempt(server, 'cycle', { userId: users.owner, role: 'owner' }, (d) => (id = addObservation(observationsOf(d), { ...base, author: users.owner })));
    expect(attempt(server, 'cycle', colleague, (d) => addReply(observationsOf(d), id, { author: users.colleague, authorName: 'c', text: 'ja' })).ok).toBe(true);
    expect(attempt(server, 'cycle', colleague, (d) => addReply(observationsOf(d), id, { author: users.owner, authorName: 'k', text: 'nep' })).ok).toBe(false);
    const removeFirstReply = (d: Y.Doc) => (observationsOf(d).get(id)!.get('replies') as Y.Array<unknown>).delete(0, 1);
    expect(attempt(server, 'cycle', researcher, removeFirstReply).ok).toBe(false);
    expect(attempt(server, 'cycle', colleague, removeFirstReply).ok).toBe(true);
  });

  it('refuses unknown root types, sub-documents and anything in a server-only part', () => {
    const server = new Y.Doc();
    const owner = { userId: users.owner, role: 'owner' as const };
    expect(attempt(server, 'cycle', owner, (d) => d.getMap('nieuw').set('x', 1))).toMatchObject({ ok: false, part: 'nieuw' });
    expect(attempt(server, 'cycle', owner, (d) => d.getMap(docKeys.settings).set('consentVersion', 1))).toMatchObject({ ok: false, part: 'settings' });
    expect(attempt(server, 'cycle', owner, (d) => d.getMap(docKeys.fragments).set('x', new Y.Doc() as unknown as Y.Map<unknown>)).ok).toBe(false);
    expect(attempt(server, 'cycle', owner, (d) => d.getArray(docKeys.doubts).insert(0, [1])).ok).toBe(false);
  });

  it('with the presenter lock on, only the presenter moves the transport', () => {
    const server = new Y.Doc();
    const owner = { userId: users.owner, role: 'owner' as const };
    const move = (d: Y.Doc) => d.getMap(docKeys.playback).set('transport', { playing: true, at: Date.now() });
    expect(attempt(server, 'cycle', colleague, move).ok).toBe(true);
    expect(attempt(server, 'cycle', colleague, (d) => d.getMap(docKeys.settings).set(roomSettingKeys.presenter, users.colleague)).ok).toBe(false);
    expect(attempt(server, 'cycle', owner, (d) => d.getMap(docKeys.settings).set(roomSettingKeys.presenter, users.owner)).ok).toBe(true);
    expect(attempt(server, 'cycle', researcher, move)).toMatchObject({ ok: false, part: 'playback' });
    expect(attempt(server, 'cycle', owner, move).ok).toBe(true);
  });

  it('refuses deleting the whole document as a colleague, and says an update with a missing predecessor is incomplete', () => {
    const server = new Y.Doc();
    const owner = { userId: users.owner, role: 'owner' as const };
    for (const { part, writes } of matrixRows(partIds.filter((p) => partRules[p].doc === 'cycle'))) {
      if (partRules[part].shape !== 'map') writes.seed(server, users.owner);
    }
    const maps = partIds.filter((p) => partRules[p].doc === 'cycle' && partRules[p].shape !== 'content').map((p) => partRules[p].key);
    const wipe = (d: Y.Doc) =>
      d.transact(() => {
        for (const key of maps) for (const k of [...d.getMap(key).keys()]) d.getMap(key).delete(k);
      });
    expect(attempt(server, 'cycle', colleague, wipe).ok).toBe(false);

    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(server));
    const first: Uint8Array[] = [];
    const later: Uint8Array[] = [];
    let sink = first;
    ahead.on('update', (u: Uint8Array) => sink.push(u));
    let id = '';
    ahead.transact(() => (id = addObservation(observationsOf(ahead), { ...base, author: users.owner })));
    sink = later;
    observationsOf(ahead).get(id)!.set('text', 'afhankelijk');
    const verdict = checkUpdate(server, Y.decodeUpdate(later[0]!), 'cycle', owner, null);
    expect(verdict).toMatchObject({ ok: false, kind: 'incomplete' });
  });
});

describe('DOCACCESS-3 property: random edits by a researcher and a colleague', () => {
  it('never change an owner-only part, and the document stays loadable', () => {
    const random = seededRandom(20261204);
    const server = new Y.Doc();
    const ownerOnly = partIds.filter(
      (p) => partRules[p].doc === 'cycle' && partRules[p].shape !== 'map' && writeOps.every((op) => partRules[p][op].length > 0 && partRules[p][op].every((w) => w === 'owner')),
    );
    expect(ownerOnly.length).toBeGreaterThanOrEqual(2);
    const rows = matrixRows(partIds.filter((p) => partRules[p].doc === 'cycle'));
    const targets = new Map<string, string>();
    for (const row of rows) targets.set(`${row.part}.${row.sub ?? ''}`, row.writes.seed(server, users.owner));
    const snapshot = (): string => JSON.stringify(ownerOnly.map((p) => server.share.get(partRules[p].key)?.toJSON() ?? null));
    const before = snapshot();
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const sender = random() < 0.5 ? { userId: users.researcher, role: 'researcher' as const } : { userId: users.colleague, role: 'colleague' as const };
      const row = rows[Math.floor(random() * rows.length)]!;
      const op = writeOps[Math.floor(random() * writeOps.length)]!;
      const target = targets.get(`${row.part}.${row.sub ?? ''}`)!;
      const verdict = attempt(server, 'cycle', sender, (d) => {
        row.writes.apply(d, op, sender.userId, target);
        // Half of the time, piggyback a random second change on the same update.
        if (random() < 0.5) {
          const second = rows[Math.floor(random() * rows.length)]!;
          second.writes.apply(d, writeOps[Math.floor(random() * 3)]!, sender.userId, targets.get(`${second.part}.${second.sub ?? ''}`)!);
        }
      });
      if (!verdict.ok) refused++;
    }
    expect(snapshot()).toBe(before);
    expect(refused).toBeGreaterThan(100);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(server));
    expect(reloaded.store.pendingStructs).toBeNull();
    expect(partOf('cycle', 'doubts')).toBe<PartId>('doubts');
  }, 30_000);
});

describe('DOCACCESS-4 interview decisions are the server\'s to record', () => {
  it('refuses a researcher writing a decision field, on a new or an existing point', () => {
    const server = new Y.Doc();
    const researcher = { userId: users.researcher, role: 'researcher' as const };
    const points = (d: Y.Doc) => d.getMap<Y.Map<unknown>>(docKeys.feedbackPoints);
    const add = (extra: Record<string, unknown>) => (d: Y.Doc) => {
      const entry = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ createdBy: users.researcher, text: 'citaat', ...extra })) entry.set(k, v);
      points(d).set(`p${Object.keys(extra).length}`, entry);
    };
    expect(attempt(server, 'interview', researcher, add({ decision: 'doorgeven' })).ok).toBe(false);
    expect(attempt(server, 'interview', researcher, add({})).ok).toBe(true);
    expect(attempt(server, 'interview', researcher, (d) => points(d).get('p0')!.set('text', 'anders')).ok).toBe(true);
    expect(attempt(server, 'interview', researcher, (d) => points(d).get('p0')!.set('decidedBy', users.researcher)).ok).toBe(false);
  });
});

describe('DOCACCESS-3 read-only documents refuse at the connection', () => {
  it('knows which roles may change anything in each kind of document', () => {
    expect(mayWriteDocAtAll('cycle', 'colleague')).toBe(true);
    expect(mayWriteDocAtAll('interview', 'researcher')).toBe(true);
    expect(mayWriteDocAtAll('interview', 'owner')).toBe(false);
    expect(mayWriteDocAtAll('interview', 'colleague')).toBe(false);
  });
});

describe('DOCACCESS-3 malformed structure', () => {
  it('refuses an item whose parent is a plain value, before Yjs would trip over it', () => {
    const server = new Y.Doc();
    const owner = { userId: users.owner, role: 'owner' as const };
    expect(attempt(server, 'cycle', owner, (d) => d.getMap(docKeys.playback).set('transport', { playing: false })).ok).toBe(true);
    const valueItem = (server.getMap(docKeys.playback) as unknown as { _map: Map<string, Y.Item> })._map.get('transport')!;
    // A hand-made update: one string item whose parent is the transport's plain value.
    const forged = new Y.Doc();
    forged.clientID = 424242;
    const fake = new Y.Item(Y.createID(424242, 0), null, null, null, null, valueItem.id as unknown as Y.AbstractType<Y.YEvent<Y.Text>>, 'x', new Y.ContentAny(['a']));
    const verdict = checkUpdate(server, { structs: [fake], ds: { clients: new Map() } }, 'cycle', owner, null);
    expect(verdict).toMatchObject({ ok: false, kind: 'forbidden' });
  });
});

describe('DOCACCESS-3 forged chains cost neither the stack nor quadratic time', () => {
  const owner = { userId: users.owner, role: 'owner' as const };
  const stringItem = (client: number, clock: number, origin: Y.ID | null): Y.Item =>
    new Y.Item(Y.createID(client, clock), null, origin, null, null, null, null, new Y.ContentString('b'));

  /** The report with one integrated text item the forged ones can hang from. */
  function withReportText(): { server: Y.Doc; anchor: Y.ID } {
    const server = new Y.Doc();
    expect(attempt(server, 'cycle', owner, (d) => d.getXmlFragment(docKeys.report).insert(0, [new Y.XmlText('a')])).ok).toBe(true);
    const text = server.getXmlFragment(docKeys.report).get(0) as Y.XmlText;
    return { server, anchor: (text as unknown as { _start: Y.Item })._start.id };
  }

  it('resolves 50,000 new items each inserted after the next one without recursion', () => {
    const { server, anchor } = withReportText();
    const n = 50_000;
    // 7:0 hangs after 8:0, which hangs after 7:1, … up to 7:n-1 after the integrated text: the
    // first struct checked sits at the end of a chain 2n long.
    const structs = Array.from({ length: n }, (_, k) => stringItem(7, k, k === n - 1 ? anchor : Y.createID(8, k)));
    const others = Array.from({ length: n - 1 }, (_, k) => stringItem(8, k, Y.createID(7, k + 1)));
    const verdict = checkUpdate(server, { structs: [...structs, ...others], ds: { clients: new Map() } }, 'cycle', owner, null);
    expect(verdict).toMatchObject({ ok: true, parts: ['report'] });
  });

  it('calls a loop of items that only hang from each other incomplete', () => {
    const { server } = withReportText();
    const a = stringItem(9, 0, Y.createID(9, 1));
    const b = stringItem(9, 1, Y.createID(9, 0));
    expect(checkUpdate(server, { structs: [a, b], ds: { clients: new Map() } }, 'cycle', owner, null)).toMatchObject({ ok: false, kind: 'incomplete' });
  });

  it('checks maps nested 20,000 deep in one update by the entry they sit in', () => {
    const server = new Y.Doc();
    const deep = (author: string) => (d: Y.Doc) =>
      d.transact(() => {
        const id = addObservation(observationsOf(d), { authorName: 'x', kind: 'observation', valence: 'neutral', text: 'x', start: 1, themes: [], author });
        // Nested one integrated level at a time (Yjs itself recurses into nested new maps).
        let map = observationsOf(d).get(id)!.set('extra', new Y.Map<unknown>());
        for (let i = 0; i < 20_000; i++) map = map.set('x', new Y.Map<unknown>());
      });
    const colleague = { userId: users.colleague, role: 'colleague' as const };
    expect(attempt(server, 'cycle', colleague, deep(users.colleague)).ok).toBe(true);
    const other = new Y.Doc();
    expect(attempt(other, 'cycle', colleague, deep(users.owner)).ok).toBe(false);
  }, 20_000);
});
