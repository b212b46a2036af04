import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/** DELETE-2: the receipt of a deleted cycle as a PDF, only for the person who deleted it. */
let fx: AccessFixture;
let receipt: string;
beforeAll(async () => {
  fx = await accessFixture();
  const res = await fx.app.inject({
    method: 'POST',
    url: `/api/cycles/${fx.cycleId}/delete`,
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
    payload: JSON.stringify({ confirmTitle: 'Cyclus A' }),
  });
  expect(res.statusCode).toBe(200);
  receipt = res.json().receipt.receipt;
});
afterAll(async () => fx.close());

const get = (role: Role, number = receipt) => fx.app.inject({ method: 'GET', url: `/api/deletion-receipts/${number}/pdf`, headers: fx.headersFor(role) });

/**
 * The text a PDF shows, simply: every content stream inflated, the strings of its text operators
 * (pdfkit writes them as hex) decoded and joined. Enough to find a number, no PDF parser needed.
 */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  // pdfkit writes "stream\n<data>\nendstream". No optional "\r" around the data: compressed data
  // that happens to end in byte 0x0D would lose it, fail to inflate, and show no text at all
  // (1 run in 256: the receipt number, and so the compressed bytes, differ every run).
  for (const m of pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let data = Buffer.from(m[1]!, 'latin1');
    try {
      data = zlib.inflateSync(data);
    } catch {
      // Not compressed (or not a content stream): read as it is.
    }
    for (const t of data.toString('latin1').matchAll(/<([0-9a-fA-F]+)>/g)) out.push(Buffer.from(t[1]!, 'hex').toString('latin1'));
  }
  return out.join('');
}

describe('DELETE-2 the deletion receipt as a PDF', () => {
  it('is served to the owner who deleted, with the receipt number and what was erased', async () => {
    const res = await get('owner');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    expect(text).toContain(receipt);
    expect(text).toContain('Bewijs van verwijdering');
    expect(text).toContain('Opnames: 2');
    // No content of the cycle: its title is not on it.
    expect(text).not.toContain('Cyclus A');
  });

  it('is not served to anyone else, nor for a number that does not exist', async () => {
    for (const role of ['researcher', 'colleague', 'outsider', 'admin'] as const) expect((await get(role)).statusCode, role).toBe(404);
    expect((await get('anonymous')).statusCode).toBe(401);
    expect((await get('owner', 'VW-AAAA-BBBB-CCCC')).statusCode).toBe(404);
    expect((await get('owner', 'geen-nummer')).statusCode).toBe(404);
  });
});
