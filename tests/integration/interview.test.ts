import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import {
  addFeedbackPoint,
  clientFeedbackOf,
  feedbackPointsOf,
  interviewDocName,
  listClientFeedback,
  listFeedbackPoints,
} from '../../shared/domain/cycle-doc/index.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { connectProvider, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';

let fx: AccessFixture;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

function open(role: Role, docName: string): WebsocketProvider {
  const provider = connectProvider(fx.wsUrl, docName, { headers: { cookie: fx.headersFor(role).cookie ?? '' } });
  providers.push(provider);
  return provider;
}

const decide = (role: Role, pointId: string, body: unknown, cycleId = fx.cycleId) =>
  fx.app.inject({
    method: 'PUT',
    url: `/api/cycles/${cycleId}/interview/feedback/${pointId}/decision`,
    headers: { ...fx.headersFor(role), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const setStatus = (status: 'archived' | 'active') =>
  fx.app.inject({
    method: 'PATCH',
    url: `/api/cycles/${fx.cycleId}`,
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
    payload: JSON.stringify({ status }),
  });

/** A researcher notes a feedback point over their own socket; resolves once the server has it. */
async function notePoint(text: string): Promise<string> {
  const writer = open('researcher', interviewDocName(fx.cycleId));
  await waitForSynced(writer);
  const id = addFeedbackPoint(feedbackPointsOf(writer.doc), { text, createdBy: fx.userIds.researcher, questionId: null });
  // Barrier: a second socket sees it, so the server committed it.
  const reader = open('researcher', interviewDocName(fx.cycleId));
  await waitForSynced(reader);
  await waitForDoc(reader.doc, () => listFeedbackPoints(feedbackPointsOf(reader.doc)).some((p) => p.id === id));
  return id;
}

async function sharedDoc(role: Role = 'owner'): Promise<WebsocketProvider> {
  const provider = open(role, cycleDocName(fx.cycleId));
  await waitForSynced(provider);
  return provider;
}

const deniedReasons = async (n: number) =>
  (await fx.app.repos.audit.latest(n))
    .filter((e) => e.action === 'access_denied')
    .map((e) => e.detail ?? '');

describe('DOCACCESS-4 the client interview is the researchers’ own document', () => {
  it('DOCACCESS-4 refuses the owner’s and a colleague’s socket on the interview document (audited)', async () => {
    for (const role of ['owner', 'colleague', 'outsider', 'admin'] as const) {
      expect(await waitForClose(open(role, interviewDocName(fx.cycleId))), role).toBe(closeCodes.forbidden);
    }
    expect((await deniedReasons(10)).filter((d) => d.includes('interview_researchers_only'))).toHaveLength(2);
  });

  it('DOCACCESS-4 opens it for a researcher', async () => {
    const provider = open('researcher', interviewDocName(fx.cycleId));
    await waitForSynced(provider);
    expect(provider.wsconnected).toBe(true);
  });
});

describe('DOCACCESS-4 passing on the client’s feedback', () => {
  it('DOCACCESS-4 "doorgeven" copies the words as said into the shared document, with who and when in the interview', async () => {
    const text = 'Ik had graag eerder gehoord wat er van mij verwacht werd';
    const id = await notePoint(text);
    const owner = await sharedDoc();
    const res = await decide('researcher', id, { decision: 'doorgeven' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().passedOn.mode).toBe('doorgeven');
    await waitForDoc(owner.doc, () => listClientFeedback(clientFeedbackOf(owner.doc)).some((f) => f.id === id));
    const copy = listClientFeedback(clientFeedbackOf(owner.doc)).find((f) => f.id === id)!;
    expect(copy).toMatchObject({ text, mode: 'doorgeven', questionId: null });

    const researcher = open('researcher', interviewDocName(fx.cycleId));
    await waitForSynced(researcher);
    const point = listFeedbackPoints(feedbackPointsOf(researcher.doc)).find((p) => p.id === id)!;
    expect(point).toMatchObject({ decision: 'doorgeven', decidedBy: fx.userIds.researcher });
    expect(point.decidedAt).toBeGreaterThan(0);
    const audit = (await fx.app.repos.audit.latest(5)).find((e) => e.action === 'interview_feedback_decided');
    expect(audit?.target).toBe(id);
    expect(audit?.detail).not.toContain('verwacht');
  });

  it('DOCACCESS-4 "zonderCitaat" passes on only the paraphrase: the shared document and its bytes never hold the quotation', async () => {
    const canary = 'CANARY-citaat-7f3a9 ze behandelt me als een nummer';
    const paraphrase = 'De cliënt voelde zich soms niet als persoon gezien.';
    const id = await notePoint(canary);
    const colleague = await sharedDoc('colleague');
    const res = await decide('researcher', id, { decision: 'zonderCitaat', paraphrase });
    expect(res.statusCode, res.body).toBe(200);
    await waitForDoc(colleague.doc, () => listClientFeedback(clientFeedbackOf(colleague.doc)).some((f) => f.id === id));
    expect(listClientFeedback(clientFeedbackOf(colleague.doc)).find((f) => f.id === id)).toMatchObject({ text: paraphrase, mode: 'zonderCitaat' });

    const marker = 'CANARY-citaat-7f3a9';
    const contains = (bytes: Uint8Array) => Buffer.from(bytes).includes(marker);
    expect(contains(Y.encodeStateAsUpdate(colleague.doc))).toBe(false);
    expect(JSON.stringify(colleague.doc.toJSON())).not.toContain(marker);
    // The server's copy and everything stored for the shared document.
    const stored = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    expect(contains(Y.encodeStateAsUpdate(stored))).toBe(false);
    stored.destroy();
    const { updates } = await fx.app.collab['opts'].store.load(cycleDocName(fx.cycleId));
    expect(updates.some(contains)).toBe(false);
    // The interview keeps the client's words and the paraphrase.
    const researcher = open('researcher', interviewDocName(fx.cycleId));
    await waitForSynced(researcher);
    expect(listFeedbackPoints(feedbackPointsOf(researcher.doc)).find((p) => p.id === id)).toMatchObject({ text: canary, paraphrase, decision: 'zonderCitaat' });
  });

  it('DOCACCESS-4 "nietDoorgeven" removes the shared copy', async () => {
    const id = await notePoint('Dit wil ik liever niet terug horen');
    const owner = await sharedDoc();
    expect((await decide('researcher', id, { decision: 'doorgeven' })).statusCode).toBe(200);
    await waitForDoc(owner.doc, () => clientFeedbackOf(owner.doc).has(id));
    const res = await decide('researcher', id, { decision: 'nietDoorgeven' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().passedOn).toBeNull();
    await waitForDoc(owner.doc, () => !clientFeedbackOf(owner.doc).has(id));
  });
});

describe('DOCACCESS-4 decision route refusals', () => {
  it('DOCACCESS-4 refuses members other than researchers (403)', async () => {
    const id = await notePoint('voor de weigeringen');
    for (const role of ['owner', 'colleague', 'outsider', 'admin'] as const) {
      expect((await decide(role, id, { decision: 'doorgeven' })).statusCode, role).toBe(403);
    }
    expect((await decide('anonymous', id, { decision: 'doorgeven' })).statusCode).toBe(401);
    // The klantmanager is told her role may not, not that only the klantmanager may.
    expect((await decide('owner', id, { decision: 'doorgeven' })).json().error.code).toBe('role_not_allowed');
  });

  it('DOCACCESS-4 refuses an invalid body (400 interview_decision_invalid), zonderCitaat without a paraphrase included', async () => {
    const id = await notePoint('ongeldige beslissing');
    for (const body of [{}, { decision: 'misschien' }, { decision: 'zonderCitaat' }, { decision: 'zonderCitaat', paraphrase: '   ' }, { decision: 'doorgeven', extra: 1 }]) {
      const res = await decide('researcher', id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('interview_decision_invalid');
    }
    expect((await decide('researcher', '00000000-0000-4000-8000-000000000000', { decision: 'doorgeven' })).statusCode).toBe(404);
  });

  it('DOCACCESS-4 refuses in an archived cycle (423)', async () => {
    const id = await notePoint('na het archiveren');
    await setStatus('archived');
    try {
      const res = await decide('researcher', id, { decision: 'doorgeven' });
      expect(res.statusCode).toBe(423);
      expect(res.json().error.code).toBe('cycle_archived');
    } finally {
      await setStatus('active');
    }
  });

  it('DOCACCESS-4 without consent for a client interview: the route refuses (consent_missing) and open interview sockets close', async () => {
    const id = await notePoint('voor het intrekken');
    const researcher = open('researcher', interviewDocName(fx.cycleId));
    await waitForSynced(researcher);
    const closed = waitForClose(researcher);
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/cycles/${fx.cycleId}/recordings/${fx.consentedRecordingId}/consent/withdraw`,
      headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
      payload: JSON.stringify({ uses: ['clientInterview'] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await closed).toBe(closeCodes.consentChanged);
    // Opening it again is refused now.
    expect(await waitForClose(open('researcher', interviewDocName(fx.cycleId)))).toBe(closeCodes.forbidden);
    expect((await deniedReasons(5)).some((d) => d.includes('consent_missing'))).toBe(true);
    const refused = await decide('researcher', id, { decision: 'doorgeven' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('consent_missing');
  });
});
