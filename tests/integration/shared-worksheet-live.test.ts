import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { coreReflectionOf, setCoreAnswer } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { docKeys, layerDocName, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { addObservation, observationsOf } from '../../shared/domain/cycle-doc/observations.ts';
import { addFocusTheme, setEntryText, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { connectProvider, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import type { SqlDb } from '../../server/storage/sql.ts';
import { openTestSql } from '../helpers/test-sql.ts';

/**
 * SELF-4: a shared werkblad follows its author's edits live. Two real y-websocket providers: the
 * author types in their private layer, the reader sees it in the server's copy without asking;
 * the layer's private observations never travel; the copy is read-only on a raw socket; whom
 * the author stops sharing with, or who leaves the cycle, stops receiving at once.
 */
let fx: AccessFixture;
let db: SqlDb;
const open: WebsocketProvider[] = [];
const secret = 'Privé observatie die nooit mee mag';

beforeAll(async () => {
  fx = await accessFixture();
  db = await openTestSql(fx.app.config);
});
afterAll(async () => {
  for (const p of open) p.destroy();
  await db.close();
  await fx.close();
});

function provider(role: Role, docName: string): WebsocketProvider {
  const p = connectProvider(fx.wsUrl, docName, { headers: fx.headersFor(role) });
  open.push(p);
  return p;
}

const share = (viewers: ('owner' | 'colleague')[]) =>
  fx.app.inject({
    method: 'PUT',
    url: `/api/cycles/${fx.cycleId}/worksheet/shares`,
    headers: { ...fx.headersFor('researcher'), 'content-type': 'application/json' },
    payload: JSON.stringify({ viewerIds: viewers.map((v) => fx.userIds[v]) }),
  });

/** What a reader's copy says (the JSON the server wrote), or '' before the first copy. */
const viewOf = (doc: Y.Doc): string => (doc.getMap<string>(docKeys.sharedWorksheet).get('view') ?? '');

/** Everything a document holds, as text: a string in it shows up here whatever part it is in. */
const bytesOf = (doc: Y.Doc): string => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8');

/** The copy as SQLite holds it (snapshot + log), independent of any loaded room. */
async function stored(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const rows = await db.all<{ data: Uint8Array }>('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq', [docName]);
  for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
  return doc;
}

// The researcher is the author; the klantmanager (owner) and the intervision colleague read.
const copyName = () => sharedWorksheetDocName(fx.cycleId, fx.userIds.researcher);
let author: WebsocketProvider;

describe('SELF-4 a shared werkblad follows its author live', () => {
  it('the reader sees each edit of the author without asking, and never the layer’s private observations', async () => {
    author = provider('researcher', layerDocName(fx.cycleId, fx.userIds.researcher));
    await waitForSynced(author);
    author.doc.transact(() => {
      addFocusTheme(worksheetOf(author.doc), 'echtheid');
      addObservation(observationsOf(author.doc), {
        start: 5, end: null, mediaId: null, themes: [], kind: 'observation', valence: 'neutral', text: secret, author: fx.userIds.researcher, authorName: 'Onderzoeker',
      });
    });
    expect((await share(['owner', 'colleague'])).statusCode).toBe(200);

    const reader = provider('owner', copyName());
    await waitForSynced(reader);
    await waitForDoc(reader.doc, () => viewOf(reader.doc).includes('echtheid'));

    setEntryText(worksheetOf(author.doc), 'echtheid', 'wonder', 'Was ik echt nieuwsgierig?');
    await waitForDoc(reader.doc, () => viewOf(reader.doc).includes('Was ik echt nieuwsgierig?'));
    setCoreAnswer(coreReflectionOf(author.doc), 'doel', 'We wilden allebei iets anders');
    await waitForDoc(reader.doc, () => viewOf(reader.doc).includes('We wilden allebei iets anders'));

    const view = JSON.parse(viewOf(reader.doc)) as { worksheet: { entries: { themeId: string; wonder: string }[] }; coreReflection: { questionId: string; answer: string }[] };
    expect(view.worksheet.entries[0]).toMatchObject({ themeId: 'echtheid', wonder: 'Was ik echt nieuwsgierig?' });
    expect(view.coreReflection.find((a) => a.questionId === 'doel')?.answer).toBe('We wilden allebei iets anders');
    // Only the two parts: the private observation is neither sent nor stored with the copy.
    expect(bytesOf(reader.doc)).not.toContain(secret);
    expect(bytesOf(await stored(copyName()))).not.toContain(secret);
    expect(bytesOf(await stored(copyName()))).toContain('We wilden allebei iets anders');
    // Persisted before it was relayed: what the reader saw is in SQLite.
    expect(viewOf(await stored(copyName()))).toContain('We wilden allebei iets anders');
  });

  it('a raw socket cannot write the copy, not even its author’s or a reader’s', async () => {
    for (const role of ['owner', 'researcher'] as const) {
      const p = provider(role, copyName());
      await waitForSynced(p);
      const closed = waitForClose(p);
      p.doc.getMap<string>(docKeys.sharedWorksheet).set('view', '{"vervalst":true}');
      expect(await closed, role).toBe(closeCodes.writeForbidden);
      p.destroy();
    }
    expect(viewOf(await stored(copyName()))).not.toContain('vervalst');
  });

  it('a member it is not shared with cannot open the copy', async () => {
    await share(['owner']);
    const p = provider('colleague', copyName());
    expect(await waitForClose(p)).toBe(closeCodes.forbidden);
    p.destroy();
    await share(['owner', 'colleague']);
  });

  it('whom the author stops sharing with is cut off at once; a removed member stops receiving', async () => {
    const owner = provider('owner', copyName());
    const colleague = provider('colleague', copyName());
    await Promise.all([waitForSynced(owner), waitForSynced(colleague)]);

    // The klantmanager removes the colleague from the cycle: their socket closes, and the author's
    // next edit reaches the remaining reader but never the removed one.
    const closed = waitForClose(colleague);
    const removed = await fx.app.inject({ method: 'DELETE', url: `/api/cycles/${fx.cycleId}/members/${fx.userIds.colleague}`, headers: fx.headersFor('owner') });
    expect(removed.statusCode).toBe(200);
    expect(await closed).toBe(closeCodes.forbidden);
    setEntryText(worksheetOf(author.doc), 'echtheid', 'change', 'Eerst vragen, dan vertellen');
    await waitForDoc(owner.doc, () => viewOf(owner.doc).includes('Eerst vragen, dan vertellen'));
    expect(viewOf(colleague.doc)).not.toContain('Eerst vragen, dan vertellen');
    colleague.destroy();

    // The author stops sharing: the reader's socket closes, and the copy keeps no text.
    const cut = waitForClose(owner);
    expect((await share([])).statusCode).toBe(200);
    expect(await cut).toBe(closeCodes.forbidden);
    owner.destroy();
    expect(viewOf(await stored(copyName()))).toBe('');
    expect(bytesOf(await stored(copyName()))).not.toContain('Eerst vragen');
    const again = provider('owner', copyName());
    expect(await waitForClose(again)).toBe(closeCodes.forbidden);
    again.destroy();
  });
});
