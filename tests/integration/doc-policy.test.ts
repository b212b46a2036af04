import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { partIds, partRules, writeOps, writeRefusal, type WriteOp } from '../../shared/access/rules.ts';
import { cycleDocName, type CycleRole } from '../../shared/domain/access.ts';
import { docKeys, interviewDocName, layerDocName, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { messageType, syncMessageType } from '../../shared/protocol/collab.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { matrixRows, type MatrixRow } from '../helpers/doc-writes.ts';
import { openRaw } from '../helpers/raw-collab.ts';
import { connectProvider, disconnectFully, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import type { SqlDb } from '../../server/storage/sql.ts';
import { openTestSql } from '../helpers/test-sql.ts';

/**
 * DOCACCESS-2/3 policy matrix against the real server: for every role × part × operation of the
 * rule table, the unmodified y-websocket client (not the app's client) sends the change.
 * Allowed: persisted and relayed. Refused: close 4433, nothing persisted (read back from SQLite),
 * nothing relayed (a receiver sees a later server write but never the change), and audited.
 */
let fx: AccessFixture;
let db: SqlDb;
const open: WebsocketProvider[] = [];

beforeAll(async () => {
  fx = await accessFixture();
  db = await openTestSql(fx.app.config);
});
afterAll(async () => {
  for (const p of open) p.destroy();
  await db.close();
  await fx.close();
});

function provider(role: CycleRole | 'outsider', docName: string): WebsocketProvider {
  const p = connectProvider(fx.wsUrl, docName, { headers: fx.headersFor(role) });
  open.push(p);
  return p;
}

/** The document as SQLite holds it (snapshot + log), independent of the loaded room. */
async function stored(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const rows = await db.all<{ data: Uint8Array }>('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq', [docName]);
  for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
  return doc;
}

async function refusals(userId: string): Promise<number> {
  // The refusal's row is written after the socket was closed (recordInBackground): on a pool it
  // may still be on its way when the close arrives.
  await fx.app.repos.audit.settled();
  return (await fx.app.repos.audit.latest(10_000)).filter((e) => e.action === 'write_refused' && e.actor_id === userId).length;
}

let markers = 0;
/** A server write after the attempt: once the receiver has it, anything relayed before has arrived too. */
async function serverMarker(docName: string, receiver: Y.Doc): Promise<void> {
  const value = `marker-${markers++}`;
  await fx.app.collab.withDoc(docName, (d) => d.getMap(docKeys.settings).set('consentVersion', value));
  await waitForDoc(receiver, () => receiver.getMap(docKeys.settings).get('consentVersion') === value);
}

async function runCase(role: CycleRole, row: MatrixRow, op: WriteOp, docName: string, receiverRole: CycleRole, layerOwner: string | null): Promise<void> {
  const me = fx.userIds[role];
  const otherAuthor = role === 'owner' ? fx.userIds.researcher : fx.userIds.owner;
  const target = await fx.app.collab.withDoc(docName, (d) => row.writes.seed(d, otherAuthor));
  const receiver = provider(receiverRole, docName);
  const sender = provider(role, docName);
  await Promise.all([waitForSynced(receiver), waitForSynced(sender)]);
  const allowed =
    writeRefusal(row.part, op, { userId: me, role, author: otherAuthor, layerOwnerId: layerOwner, presenter: null }, row.sub) === null;
  const before = await refusals(me);
  const closed = waitForClose(sender);
  row.writes.apply(sender.doc, op, me, target);
  if (allowed) {
    await waitForDoc(receiver.doc, () => row.writes.applied(receiver.doc, op, target));
    expect(row.writes.applied(await stored(docName), op, target)).toBe(true);
  } else {
    expect(await closed).toBe(closeCodes.writeForbidden);
    if (receiver !== sender) await serverMarker(docName, receiver.doc);
    expect(row.writes.applied(receiver.doc, op, target)).toBe(false);
    expect(row.writes.applied(await stored(docName), op, target)).toBe(false);
    expect(await refusals(me)).toBe(before + 1);
  }
  await Promise.all([disconnectFully(sender), disconnectFully(receiver)]);
  // A seeded presenter would lock the transport for the rows after this one.
  await fx.app.collab.withDoc(docName, (d) => d.getMap(docKeys.settings).delete('presenter'));
}

describe('DOCACCESS-3 policy matrix (raw y-websocket clients, real server)', () => {
  const rows = matrixRows(partIds.filter((p) => partRules[p].doc === 'cycle'));
  for (const role of ['owner', 'researcher', 'colleague'] as const) {
    for (const row of rows) {
      for (const op of writeOps) {
        it(`${row.part}${row.sub ? `.${row.sub}` : ''} ${op} by ${role}`, async () => {
          const receiverRole = role === 'owner' ? 'researcher' : 'owner';
          await runCase(role, row, op, cycleDocName(fx.cycleId), receiverRole, null);
        });
      }
    }
  }

  it('DOCACCESS-4 in the interview document, researchers make every change (the others cannot open it)', async () => {
    for (const row of matrixRows(partIds.filter((p) => partRules[p].doc === 'interview'))) {
      for (const op of writeOps) await runCase('researcher', row, op, interviewDocName(fx.cycleId), 'researcher', null);
    }
    for (const role of ['owner', 'colleague'] as const) {
      const p = provider(role, interviewDocName(fx.cycleId));
      expect(await waitForClose(p)).toBe(closeCodes.forbidden);
      p.destroy();
    }
  });

  it('in a private layer, its author may make every change', async () => {
    for (const row of matrixRows(partIds.filter((p) => partRules[p].doc === 'layer'))) {
      for (const op of writeOps) {
        const docName = layerDocName(fx.cycleId, fx.userIds.researcher);
        await runCase('researcher', row, op, docName, 'researcher', fx.userIds.researcher);
      }
    }
  });

  it('SELF-4 a shared werkblad is the server’s copy: neither its author nor a reader writes it over a socket', async () => {
    await fx.app.repos.worksheetShares.replace(fx.cycleId, fx.userIds.researcher, [fx.userIds.owner]);
    const docName = sharedWorksheetDocName(fx.cycleId, fx.userIds.researcher);
    for (const row of matrixRows(partIds.filter((p) => partRules[p].doc === 'werkblad'))) {
      for (const op of writeOps) {
        await runCase('owner', row, op, docName, 'researcher', fx.userIds.researcher);
        await runCase('researcher', row, op, docName, 'owner', fx.userIds.researcher);
      }
    }
    await fx.app.repos.worksheetShares.replace(fx.cycleId, fx.userIds.researcher, []);
  });

  it('DOCACCESS-3 the owner sees who changed which part, per person and hour', async () => {
    const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit`, headers: fx.headersFor('owner') });
    expect(res.statusCode).toBe(200);
    const { edits } = res.json() as { edits: { userId: string; name: string; parts: string[]; updates: number }[] };
    const researcher = edits.find((e) => e.userId === fx.userIds.researcher);
    expect(researcher?.name).toBe('Onderzoeker');
    expect(researcher?.parts).toEqual(expect.arrayContaining(['report', 'agenda', 'observations']));
    // Refused changes were never stored, so they are not counted as changes.
    expect(edits.find((e) => e.userId === fx.userIds.colleague)?.parts ?? []).not.toContain('report');
    const asResearcher = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit`, headers: fx.headersFor('researcher') });
    expect(asResearcher.statusCode).toBe(403);
  });

  it('DOCACCESS-2 a member of another cycle, and a colleague without intervision consent, are refused at the door', async () => {
    const outsider = provider('outsider', cycleDocName(fx.cycleId));
    expect(await waitForClose(outsider)).toBe(closeCodes.forbidden);
    outsider.destroy();
    await fx.app.repos.media.addConsentEvent({
      recordingId: fx.consentedRecordingId,
      actorId: fx.userIds.owner,
      kind: 'withdrawn',
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
      changed: ['colleagues'],
    });
    const colleague = provider('colleague', cycleDocName(fx.cycleId));
    expect(await waitForClose(colleague)).toBe(closeCodes.forbidden);
    colleague.destroy();
  });

  it('DOCACCESS-3 a forged update whose items hang from each other in a loop is refused as incomplete; the server goes on', async () => {
    // Two text items of one client, each inserted after the other: Yjs could never place them.
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1); // one client
    encoding.writeVarUint(update, 2); // two structs
    encoding.writeVarUint(update, 9090);
    encoding.writeVarUint(update, 0); // from clock 0
    for (const originClock of [1, 0]) {
      encoding.writeUint8(update, 0x80 | 4); // has an origin; string content
      encoding.writeVarUint(update, 9090);
      encoding.writeVarUint(update, originClock);
      encoding.writeVarString(update, 'x');
    }
    encoding.writeVarUint(update, 0); // empty delete set
    const msg = encoding.createEncoder();
    encoding.writeVarUint(msg, messageType.sync);
    encoding.writeVarUint(msg, syncMessageType.update);
    encoding.writeVarUint8Array(msg, encoding.toUint8Array(update));
    const raw = await openRaw(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}`, fx.headersFor('owner'));
    raw.send(encoding.toUint8Array(msg));
    expect(await raw.closed).toBe(closeCodes.updateIncomplete);
    const after = provider('owner', cycleDocName(fx.cycleId));
    await waitForSynced(after);
    await disconnectFully(after);
  });
});
