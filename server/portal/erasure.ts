import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ErasureReceipt, ErasureScope, ReceiptPart } from '../../shared/portal/protocol.ts';
import { clientCodeAlphabet } from '../../shared/portal/code.ts';
import { receiptRemains, retentionRemains } from '../../shared/portal/receipt-text.ts';
import { AppError } from '../plugins/errors.ts';
import type { RecordingRow } from '../storage/media.ts';
import { eraseQuotes } from './quotes.ts';

function receiptNumber(): string {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => clientCodeAlphabet[b % clientCodeAlphabet.length]).join('');
  return `W-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Recordings whose complete withdrawal is under way: a second one at the same time is refused. */
const underWay = new Set<string>();

/**
 * Complete withdrawal with a receipt (PORTAL-6, PORTAL-7): the same service path as the owner's
 * withdrawal (consent event, streams and sockets cut, media and keys erased), then a receipt that
 * says what was erased and what remains. The receipt holds no content, only kinds and counts.
 */
export async function withdrawAllWithReceipt(
  app: FastifyInstance,
  rec: RecordingRow,
  scope: ErasureScope,
  actor: { actorId: string | null; by: 'owner' | 'client' },
): Promise<ErasureReceipt> {
  const { repos } = app;
  // Erasure awaits file removal; a second request in that window (the client and the owner, or a
  // double click) must not write a second withdrawal and a receipt of what was left. The claim is
  // taken before the first await: a request arriving while this one still reads the row (on a
  // PostgreSQL pool that read is real I/O) must find it taken, not a row that is not erased yet.
  if (underWay.has(rec.id)) throw new AppError('media_erased');
  underWay.add(rec.id);
  try {
    if ((await repos.media.recording(rec.id))?.erased_at != null) throw new AppError('media_erased');
    return await withdrawAll(app, rec, scope, actor);
  } finally {
    underWay.delete(rec.id);
  }
}

/** What a recording still has that an erasure will take, counted before it goes. */
async function countParts(app: FastifyInstance, rec: RecordingRow): Promise<Partial<Record<ReceiptPart, number>>> {
  const { repos } = app;
  const live = await repos.media.liveMediaOf(rec.id);
  const videos = live.filter((f) => f.kind === 'video');
  return {
    media: videos.length,
    key: live.filter((f) => f.key_id !== null).length,
    transcript: (await Promise.all(videos.map((f) => repos.transcripts.get(f.id)))).filter((t) => t !== undefined).length,
    consentForm: live.filter((f) => f.kind === 'consent_form').length,
  };
}

/** Stores and audits a receipt of what was erased; the client finds it with their code. */
async function issueReceipt(
  app: FastifyInstance,
  rec: RecordingRow,
  counts: Partial<Record<ReceiptPart, number>>,
  how: { scope: ErasureScope; reason: 'withdrawn' | 'retention'; actorId: string | null; byClient: boolean },
): Promise<ErasureReceipt> {
  const at = Date.now();
  const receipt: ErasureReceipt = {
    number: receiptNumber(),
    recordingLabel: rec.label,
    issuedAt: at,
    scope: how.scope,
    erased: (Object.entries(counts) as [ReceiptPart, number][]).filter(([, n]) => n > 0).map(([part, count]) => ({ part, count, at })),
    remains: how.reason === 'retention' ? retentionRemains() : receiptRemains(how.scope),
    reason: how.reason,
  };
  await app.repos.portal.addReceipt(rec.id, receipt);
  await app.repos.audit.record({
    actorId: how.actorId,
    action: 'erasure_receipt_issued',
    cycleId: rec.cycle_id,
    target: rec.id,
    detail: { receipt: receipt.number, scope: how.scope, ...(how.reason === 'retention' ? { reason: 'retention' } : {}), ...(how.byClient ? { by: 'client' } : {}) },
  });
  return receipt;
}

async function withdrawAll(
  app: FastifyInstance,
  rec: RecordingRow,
  scope: ErasureScope,
  actor: { actorId: string | null; by: 'owner' | 'client' },
): Promise<ErasureReceipt> {
  const counts = await countParts(app, rec);
  await app.media.withdrawConsent(rec, 'all', actor.actorId, actor.by);
  if (scope === 'everything') counts.notes = await eraseQuotes(app, rec);
  return await issueReceipt(app, rec, counts, { scope, reason: 'withdrawn', actorId: actor.actorId, byClient: actor.by === 'client' });
}

/**
 * The retention sweep's erasure of a recording whose date passed (RETAIN-1): the same erasure as
 * always (media, keys, transcripts, the form's scan; notes stay), and the same kind of receipt as
 * a withdrawal, so the client can check with their code that it happened. A withdrawal under way
 * for the same recording wins (it issues its own receipt).
 */
export async function eraseForRetention(app: FastifyInstance, rec: RecordingRow): Promise<ErasureReceipt | null> {
  // Claimed before the first await, as in `withdrawAllWithReceipt`.
  if (underWay.has(rec.id)) return null;
  underWay.add(rec.id);
  try {
    if ((await app.repos.media.recording(rec.id))?.erased_at != null) return null;
    const counts = await countParts(app, rec);
    await app.media.eraseRecording(rec, 'retention', null);
    return await issueReceipt(app, rec, counts, { scope: 'media', reason: 'retention', actorId: null, byClient: false });
  } finally {
    underWay.delete(rec.id);
  }
}
