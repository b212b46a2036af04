import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import type { DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';

/** A receipt number people can read out: 12 characters without look-alikes. */
function receiptNumber(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]!).join('');
  return `VW-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/**
 * Deletes a cycle with everything in it (DELETE-1, issue 16 "op ieder moment weer uit te
 * stappen"): access ends first (sockets, clock-independent streams, fragment links), then every
 * media file is erased as on complete withdrawal (key destroyed under secure_delete, bytes and
 * partial uploads deleted, transcript with it), the documents with their update logs, snapshots
 * and edit summaries (shared, interview, every private layer) are deleted, and finally every row
 * of the cycle. What stays is one audit entry with ids, counts and the receipt number.
 */
export async function deleteCycle(app: FastifyInstance, cycleId: string, actorId: string): Promise<DeletionReceipt> {
  const { repos, media, collab } = app;
  const receipt = receiptNumber();
  // No werkblad copy is written any more (one pending would bring a document back).
  app.sharedWorksheets.cycleDeleted(cycleId);
  app.access.revoke({ cycleId }, 'cycle_deleted');
  let links = 0;
  for (const link of await repos.fragmentLinks.ofCycle(cycleId)) {
    await app.fragmentLinks.end(link, 'cycle_deleted', actorId);
    links++;
  }
  const transcripts = await repos.cycleErasure.transcripts(cycleId);
  let mediaFiles = 0;
  const recordings = await repos.media.recordingsOf(cycleId);
  for (const rec of recordings) {
    for (const row of await repos.media.liveMediaOf(rec.id)) {
      await media.eraseMedia(row, 'cycle_deleted', actorId, cycleId);
      mediaFiles++;
    }
  }
  const documents = await collab.eraseDocs(cycleDocName(cycleId));
  const rows = await repos.cycleErasure.eraseCycle(cycleId);
  repos.cycles.forget(cycleId);
  const result: DeletionReceipt = {
    receipt,
    deletedAt: Date.now(),
    erased: {
      recordings: rows.recordings,
      mediaFiles,
      transcripts: transcripts + rows.transcripts,
      consentEvents: rows.consentEvents,
      documents,
      members: rows.memberships,
      links,
    },
  };
  await repos.audit.record({ actorId, action: 'cycle_deleted', cycleId, target: receipt, detail: { ...result.erased } });
  return result;
}
