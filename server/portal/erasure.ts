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

/** Recordings whose complete erasure is under way in this process: a second one at the same time is refused. */
const underWay = new Set<string>();

/**
 * Runs `erase` as the only complete erasure of the recording, or returns `refused` when another
 * is under way or done. Two guards: this process's set, taken before the first await (a second
 * request arriving while the first still talks to the database finds it taken), and the
 * database's claim (`claimErasure`, one conditional UPDATE), which also holds against other
 * processes sharing the database.
 */
async function exclusively<T, R>(app: FastifyInstance, rec: RecordingRow, refused: () => R, erase: () => Promise<T>): Promise<T | R> {
  if (underWay.has(rec.id)) return refused();
  underWay.add(rec.id);
  try {
    const claimedAt = await app.repos.media.claimErasure(rec.id);
    if (claimedAt === null) return refused();
    try {
      return await erase();
    } finally {
      await app.repos.media.releaseErasure(rec.id, claimedAt);
    }
  } finally {
    underWay.delete(rec.id);
  }
}

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
  // Erasure awaits file removal; a second request in that window (the client and the owner, or a
  // double click, on this process or another) must not write a second withdrawal and a receipt
  // of what was left.
  return exclusively(
    app,
    rec,
    () => {
      throw new AppError('media_erased');
    },
    () => withdrawAll(app, rec, scope, actor),
  );
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
  return exclusively(
    app,
    rec,
    () => null,
    async () => {
      const counts = await countParts(app, rec);
      await app.media.eraseRecording(rec, 'retention', null);
      return issueReceipt(app, rec, counts, { scope: 'media', reason: 'retention', actorId: null, byClient: false });
    },
  );
}
