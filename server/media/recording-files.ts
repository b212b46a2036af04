import type { RecordingFiles } from '../../shared/domain/cycle-doc/recording-refs.ts';
import type { MediaRepo } from '../storage/media.ts';

/**
 * A cycle's recordings with their ready video files in order, as time codes name them ("video 2 ·
 * deel 1"); the client numbers alike from the recordings list (`client/features/room/recordings.ts`,
 * which holds ready files only for most members). An erased recording stays in the list with no
 * files: its time codes then read "verwijderde opname", and it still counts as a recording for the
 * migration (TIMECODE-5), so old codes are never pinned on the wrong one.
 */
export async function recordingFilesOf(media: MediaRepo, cycleId: string): Promise<RecordingFiles[]> {
  const out: RecordingFiles[] = [];
  for (const rec of await media.recordingsOf(cycleId)) {
    const files = await media.mediaOf(rec.id, 'video');
    out.push({ label: rec.label, fileIds: files.filter((m) => m.status === 'ready').map((m) => m.id) });
  }
  return out;
}
