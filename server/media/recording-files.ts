import type { RecordingFiles } from '../../shared/domain/cycle-doc/recording-refs.ts';
import type { MediaRepo } from '../storage/media.ts';

/**
 * A cycle's recordings with their video files in order, as time codes name them ("video 2 · deel
 * 1"). Erased files keep their place, so the numbering a time code was made with never shifts;
 * unfinished uploads have none yet. The client numbers alike (`client/features/room/recordings.ts`).
 */
export function recordingFilesOf(media: MediaRepo, cycleId: string): RecordingFiles[] {
  return media.recordingsOf(cycleId).map((rec) => ({
    label: rec.label,
    fileIds: media.mediaOf(rec.id, 'video').filter((m) => m.status !== 'uploading').map((m) => m.id),
  }));
}
