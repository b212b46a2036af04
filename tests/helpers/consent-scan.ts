import type { FastifyInstance } from 'fastify';
import { demoConsentScan } from '../../server/media/demo-scan.ts';

/** A scan of a signed consent form (a small, valid PDF). */
export const scanPdf = (lines?: readonly string[]): Buffer => demoConsentScan(lines);

/**
 * Uploads the signed form's scan as the owner would: with the scan gate on (SCANGATE-1, the
 * default) nobody but the owner plays until it is there.
 */
export async function uploadScan(app: FastifyInstance, ownerHeaders: Record<string, string>, cycleId: string, recordingId: string, data = scanPdf()): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/cycles/${cycleId}/recordings/${recordingId}/consent/form`,
    headers: { ...ownerHeaders, 'content-type': 'application/pdf' },
    payload: data,
  });
  if (res.statusCode !== 201) throw new Error(`scan upload: ${res.statusCode} ${res.body}`);
}
