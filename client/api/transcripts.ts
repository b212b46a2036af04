/**
 * Transcripts over HTTP: read (under the recording's consent), import and speaker roles (owner).
 * The file goes as its bytes (base64) so the server decodes and validates it by content itself.
 */
import { z } from 'zod';
import { bytesToBase64, transcriptUrl, type TranscriptResponse } from '../../shared/protocol/transcript.ts';
import { speakerRoles, type SpeakerMapping } from '../../shared/transcript/types.ts';
import { requestJson, requestVoid } from './http.ts';

const cue = z.object({ start: z.number(), end: z.number(), speaker: z.string().nullable(), text: z.string() });
const speaker = z.object({ name: z.string(), role: z.enum(speakerRoles), pseudonym: z.string().nullable() });
const response: z.ZodType<TranscriptResponse> = z.object({
  transcript: z
    .object({
      mediaId: z.string(),
      format: z.enum(['vtt', 'srt', 'plain']),
      cues: z.array(cue),
      speakers: z.array(speaker),
      importedAt: z.number(),
      updatedAt: z.number(),
    })
    .nullable(),
  editable: z.boolean(),
});

export function getTranscript(mediaId: string): Promise<TranscriptResponse> {
  return requestJson('GET', transcriptUrl(mediaId), response);
}

export function importTranscript(mediaId: string, bytes: Uint8Array, speakers: SpeakerMapping[]): Promise<TranscriptResponse> {
  return requestJson('PUT', transcriptUrl(mediaId), response, { body: { data: bytesToBase64(bytes), speakers } });
}

export function saveSpeakers(mediaId: string, speakers: SpeakerMapping[]): Promise<TranscriptResponse> {
  return requestJson('PUT', `${transcriptUrl(mediaId)}/speakers`, response, { body: { speakers } });
}

export function deleteTranscript(mediaId: string): Promise<void> {
  return requestVoid('DELETE', transcriptUrl(mediaId));
}
