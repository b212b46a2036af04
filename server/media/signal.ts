import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys, settingsKeys } from '../../shared/domain/cycle-doc/keys.ts';

/**
 * Consent changed: bump a version in the cycle's shared document, so every open client re-reads
 * the recordings list at once — gaining playback shows up live, not only losing it.
 */
export async function signalConsentChanged(app: FastifyInstance, cycleId: string): Promise<void> {
  await app.collab.withDoc(cycleDocName(cycleId), (doc) => doc.getMap(docKeys.settings).set(settingsKeys.consentVersion, Date.now()));
}

/**
 * A file became playable (upload finished) or was erased: the same signal, since what the
 * clients do is the same — re-read the recordings list.
 */
export const signalRecordingsChanged = signalConsentChanged;
