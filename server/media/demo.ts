import fs from 'node:fs';
import path from 'node:path';
import { todayInNl } from '../../shared/protocol/media.ts';
import { demoConsentScan } from './demo-scan.ts';
import { demoAccounts } from '../auth/demo.ts';
import type { Repos } from '../plugins/db.ts';
import type { MediaService } from './service.ts';

/** The committed demo recording (20 s test picture with a tone; made with ffmpeg's lavfi sources). */
export const demoRecordingPath = path.join(import.meta.dirname, 'demo', 'demo-opname.mp4');

/**
 * Imports the demo recording into the demo cycle, encrypted like any upload, with consent for
 * own use, researchers and a client interview — not for intervision, so the refusal a colleague
 * sees is part of the demo — and the scan of its signed form.
 */
export async function seedDemoRecording(repos: Repos, media: MediaService): Promise<boolean> {
  const owner = await repos.users.findByEmail(demoAccounts[0].email);
  const cycle = owner ? (await repos.cycles.listForUser(owner.id)).find((c) => c.myRole === 'owner') : undefined;
  if (!owner || !cycle || !fs.existsSync(demoRecordingPath)) return false;
  const row = await media.importMedia({
    cycleId: cycle.id,
    orgId: owner.org_id,
    userId: owner.id,
    data: fs.readFileSync(demoRecordingPath),
    label: 'video 1',
  });
  const recording = (await repos.media.recording(row.recording_id))!;
  const inAYear = new Date(Date.now() + 365 * 24 * 3_600_000).toISOString().slice(0, 10);
  await media.recordConsent(
    recording,
    {
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
      clientSignedOn: todayInNl(),
      managerSignedOn: todayInNl(),
      recordedBy: owner.name,
      lawfulBasis: 'Toestemming van de cliënt (demo), vastgelegd op het toestemmingsformulier.',
      retentionUntil: inAYear,
    },
    owner.id,
  );
  await media.importMedia({ cycleId: cycle.id, orgId: owner.org_id, userId: owner.id, data: demoConsentScan(), kind: 'consent_form', recordingId: recording.id });
  return true;
}
