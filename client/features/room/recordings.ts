/**
 * The recordings the room can play: `GET /api/cycles/:id/recordings`, reduced to what playback
 * needs. Parsed loosely (only the fields used here), so that the recordings screen can grow its
 * own fields without breaking the room.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { docKeys, settingsKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import { mediaLabelsOf } from '../../../shared/domain/cycle-doc/recording-refs.ts';
import { ApiError, requestJson } from '../../api/http.ts';
import type { Resource } from '../../api/useResource.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

const mediaFile = z.object({
  id: z.string(),
  status: z.string(),
  mime: z.string().nullable(),
  durationMs: z.number().nullable(),
  streamUrl: z.string().nullable(),
});

const recording = z.object({
  id: z.string(),
  label: z.string(),
  erased: z.boolean(),
  play: z.union([z.object({ allowed: z.literal(true) }), z.object({ allowed: z.literal(false), message: z.string() })]),
  media: z.array(mediaFile),
});

const response = z.object({ recordings: z.array(recording) });

/** One playable file: the transport names it by `id`. */
export interface PlayableMedia {
  id: string;
  /** "video 1" or "video 1 · deel 2" when a recording has several files. */
  label: string;
  url: string;
  durationMs: number | null;
}

export interface RoomMedia {
  playable: PlayableMedia[];
  /** Why recordings that exist cannot be played by me (Dutch, from the server). */
  refusals: string[];
  /** Whether the cycle has any recording at all. */
  any: boolean;
  /** Names of every file of the cycle, also those I may not play: time codes name them. */
  labels: ReadonlyMap<string, string>;
}

export async function fetchRoomMedia(cycleId: string): Promise<RoomMedia> {
  const { recordings } = await requestJson('GET', `/api/cycles/${encodeURIComponent(cycleId)}/recordings`, response);
  const playable: PlayableMedia[] = [];
  const refusals: string[] = [];
  for (const rec of recordings) {
    if (rec.erased) continue;
    if (!rec.play.allowed) {
      if (!refusals.includes(rec.play.message)) refusals.push(rec.play.message);
      continue;
    }
    const files = rec.media.filter((m) => m.status === 'ready' && m.streamUrl !== null);
    // The same names as export and print (one catalogue in shared/).
    const labels = mediaLabelsOf([{ label: rec.label, fileIds: files.map((m) => m.id) }]);
    files.forEach((m) => {
      playable.push({
        id: m.id,
        label: labels.get(m.id) ?? rec.label,
        url: m.streamUrl!,
        durationMs: m.durationMs,
      });
    });
  }
  const labels = mediaLabelsOf(recordings.map((rec) => ({ label: rec.label, fileIds: rec.media.filter((m) => m.status === 'ready').map((m) => m.id) })));
  return { playable, refusals, any: recordings.some((r) => !r.erased), labels };
}

/**
 * The room's playable media, re-read when the server signals a consent change
 * (settings.consentVersion) or the player could not load a file. While it re-reads, the last
 * answer stays in use: re-mounting the player would interrupt everyone who can still play.
 */
export function useRoomMedia(session: CollabSession, cycleId: string, generation: number): Resource<RoomMedia> {
  const settings = session.doc.getMap<unknown>(docKeys.settings);
  const consentVersion = useYStore(docStore(session.doc, 'consentVersion', () => new YStore(settings, () => {
    const v = settings.get(settingsKeys.consentVersion);
    return typeof v === 'number' ? v : 0;
  })));
  const [media, setMedia] = useState<Resource<RoomMedia>>({ status: 'loading' });
  useEffect(() => {
    let active = true;
    fetchRoomMedia(cycleId).then(
      (data) => active && setMedia({ status: 'ready', data }),
      (error: unknown) => active && setMedia((prev) => (prev.status === 'ready' ? prev : { status: 'error', error: error instanceof ApiError ? error : new ApiError('unexpected_response', 0) })),
    );
    return () => {
      active = false;
    };
  }, [cycleId, generation, consentVersion]);
  return media;
}
