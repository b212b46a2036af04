import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noConsent } from '../../shared/domain/consent.ts';
import { clientSessionHeader } from '../../shared/portal/code.ts';
import type { ClientCodeResponse, ErasureReceipt, PortalOverview } from '../../shared/portal/protocol.ts';
import { receiptIntroOf, retentionReceiptIntro } from '../../shared/portal/receipt-text.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { readFixture } from '../helpers/media.ts';

/**
 * RETAIN-1: when the retention sweep erases a recording at its retention date, the client gets
 * the same kind of erasure receipt as after a withdrawal, found and checked later with the code.
 */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('RETAIN-1 the retention sweep issues an erasure receipt', () => {
  it('erases the expired recording and leaves a receipt the client checks with the code (page and PDF); others keep theirs', async () => {
    const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
    const recordings: string[] = [];
    for (const retentionUntil of [day(10), day(400)]) {
      const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data: readFixture('mp4') });
      const res = await fx.app.inject({
        method: 'PUT',
        url: `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent`,
        headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
        payload: JSON.stringify({ decisions: { ...noConsent(), own: true, researchers: true }, clientSignedOn: day(0), managerSignedOn: day(0), recordedBy: 'Klantmanager', retentionUntil }),
      });
      expect(res.statusCode).toBe(200);
      await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, row.recording_id);
      recordings.push(row.recording_id);
    }
    const [expiring, kept] = recordings as [string, string];
    const code = (await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/recordings/${expiring}/client-code`, headers: fx.headersFor('owner') })).json<ClientCodeResponse>().code;

    // Eleven days on, the sweep runs.
    const swept = await fx.app.media.sweep(Date.now() + 11 * 86_400_000);
    expect(swept.erased).toBe(1);
    expect((await fx.app.repos.media.recording(expiring))!.erased_reason).toBe('retention');
    expect(await fx.app.repos.portal.receiptsOf(expiring)).toHaveLength(1);
    expect(await fx.app.repos.portal.receiptsOf(kept)).toEqual([]);
    const audit = (await fx.app.repos.audit.latest(20)).find((e) => e.action === 'erasure_receipt_issued' && e.target === expiring);
    expect(audit?.detail).toContain('retention');

    // The client, later, with the code: the overview lists the receipt; the receipt says why.
    const login = await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code } });
    expect(login.statusCode).toBe(201);
    const headers = { [clientSessionHeader]: login.json<{ token: string }>().token };
    const overview = (await fx.app.inject({ method: 'GET', url: '/api/client/overview', headers })).json<PortalOverview>();
    expect(overview.recording.erased).toBe(true);
    expect(overview.receipts).toHaveLength(1);
    const number = overview.receipts[0]!.number;
    expect(number).toMatch(/^W-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const receipt = (await fx.app.inject({ method: 'GET', url: `/api/client/receipts/${number}`, headers })).json<{ receipt: ErasureReceipt }>().receipt;
    expect(receipt).toMatchObject({ number, reason: 'retention', scope: 'media' });
    expect(receipt.erased.map((e) => [e.part, e.count])).toEqual([['media', 1], ['key', 2], ['consentForm', 1]]);
    expect(receipt.remains.join(' ')).toContain('bewaartermijn');
    const pdf = await fx.app.inject({ method: 'GET', url: `/api/client/receipts/${number}/pdf`, headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(receiptIntroOf(receipt)).toBe(retentionReceiptIntro);

    // A second sweep erases nothing more and issues no second receipt.
    expect((await fx.app.media.sweep(Date.now() + 11 * 86_400_000)).erased).toBe(0);
    expect(await fx.app.repos.portal.receiptsOf(expiring)).toHaveLength(1);
  });
});
