import { z } from 'zod';
import type { Cue, ParseError, SpeakerMapping, TranscriptFormat } from '../transcript/types.ts';
import { speakerRoles, transcriptLimits } from '../transcript/types.ts';

/** HTTP payloads of transcripts (TRANSCRIPT-*); the server validates with these. */

export const speakerMappingSchema = z
  .object({
    name: z.string().min(1).max(transcriptLimits.maxSpeakerNameLength),
    role: z.enum(speakerRoles),
    pseudonym: z.string().trim().max(transcriptLimits.maxSpeakerNameLength).nullable(),
  })
  .strict();

const speakers = z.array(speakerMappingSchema).max(transcriptLimits.maxSpeakers);

/** The file as its bytes (base64), so the server decodes UTF-8 or Windows-1252 by content itself. */
export const importTranscriptBody = z
  .object({
    data: z.string().max(Math.ceil(transcriptLimits.maxBytes / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/),
    speakers: speakers.default([]),
  })
  .strict();

export const transcriptSpeakersBody = z.object({ speakers }).strict();

export interface TranscriptInfo {
  mediaId: string;
  format: TranscriptFormat;
  /** For members other than the owner, speakers are named by their pseudonyms only. */
  cues: Cue[];
  speakers: SpeakerMapping[];
  importedAt: number;
  updatedAt: number;
}

export interface TranscriptResponse {
  transcript: TranscriptInfo | null;
  /** Whether the caller may import and map speakers (the owner). */
  editable: boolean;
}

export interface TranscriptErrorBody {
  error: { code: 'transcript_invalid'; message: string; errors: ParseError[] };
}

export const transcriptUrl = (mediaId: string): string => `/api/media/${mediaId}/transcript`;

/** Base64 of bytes, in Node and the browser alike (no Buffer in shared code). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
