import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CycleRole } from '../../shared/domain/access.ts';
import { canPlay, playRefusalCode } from '../../shared/domain/consent.ts';
import { errorCatalogue } from '../../shared/errors/index.ts';
import {
  base64ToBytes,
  importTranscriptBody,
  transcriptSpeakersBody,
  type TranscriptErrorBody,
  type TranscriptInfo,
  type TranscriptResponse,
} from '../../shared/protocol/transcript.ts';
import { decodeTranscript } from '../../shared/transcript/decode.ts';
import { parseTranscript } from '../../shared/transcript/parse.ts';
import { serialiseVtt } from '../../shared/transcript/serialise.ts';
import { displayName, guessRole, speakerNames, transcriptLimits, type Cue, type SpeakerMapping } from '../../shared/transcript/types.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import type { MediaRow, RecordingRow } from '../storage/media.ts';
import type { TranscriptRecord } from '../storage/transcripts.ts';

type MediaParams = { Params: { mediaId: string } };

/**
 * Transcripts per media file (TRANSCRIPT-*). They are content of the recording: read by exactly
 * those who may play it (`canPlay`), imported and given speaker roles by the owner only, and
 * erased with the file.
 */
export async function transcriptRoutes(app: FastifyInstance): Promise<void> {
  const { repos, media } = app;

  const videoOf = async (mediaId: string): Promise<{ row: MediaRow; rec: RecordingRow }> => {
    const row = await repos.media.media(mediaId);
    const rec = row ? await repos.media.recording(row.recording_id) : undefined;
    if (!row || !rec || row.kind !== 'video') throw new AppError('not_found');
    return { row, rec };
  };

  /** The consent check of playback, applied to reading the transcript. Null when refused (sent). */
  const mayRead = async (request: FastifyRequest<MediaParams>, reply: FastifyReply, rec: RecordingRow): Promise<boolean> => {
    const decision = canPlay(request.cycleRole!, await media.consentState(rec));
    if (decision.allowed) return true;
    const code = playRefusalCode(decision.reason);
    await repos.audit.record({
      actorId: request.auth!.user.id,
      action: 'access_denied',
      cycleId: rec.cycle_id,
      target: `transcript ${request.params.mediaId}`,
      detail: { reason: code, use: decision.use },
    });
    void reply.code(errorCatalogue[code].status).send({ error: { code, message: decision.message, ...(decision.use ? { use: decision.use } : {}) } });
    return false;
  };

  /** Members other than the owner see only the names the owner lets out (pseudonyms). */
  const infoFor = (t: TranscriptRecord, role: CycleRole): TranscriptInfo => {
    const owner = role === 'owner';
    const cues: Cue[] = owner ? t.cues : t.cues.map((c) => ({ ...c, speaker: displayName(c.speaker, t.speakers) }));
    const speakers: SpeakerMapping[] = owner ? t.speakers : t.speakers.map((s) => ({ name: displayName(s.name, t.speakers)!, role: s.role, pseudonym: null }));
    return { mediaId: t.mediaId, format: t.format, cues, speakers, importedAt: t.importedAt, updatedAt: t.updatedAt };
  };

  /** Every name in the transcript gets a mapping (given, kept from before, or guessed); names not
   * in it are refused. */
  const mappingFor = (cues: readonly Cue[], given: readonly SpeakerMapping[], before: readonly SpeakerMapping[] = []): SpeakerMapping[] => {
    const names = speakerNames(cues);
    if (given.some((g) => !names.includes(g.name)) || new Set(given.map((g) => g.name)).size !== given.length) {
      throw new AppError('transcript_speakers_invalid');
    }
    return names.map((name) => {
      const g = given.find((m) => m.name === name) ?? before.find((m) => m.name === name);
      return { name, role: g?.role ?? guessRole(name), pseudonym: g?.pseudonym?.trim() ? g.pseudonym.trim() : null };
    });
  };

  const writable = async (rec: RecordingRow, row: MediaRow) => {
    if (await repos.cycles.status(rec.cycle_id) === 'archived') throw new AppError('cycle_archived');
    if (row.status === 'erased' || rec.erased_at !== null) throw new AppError('media_erased');
    // Only a finished file: an upload that is refused or cancelled leaves no row to hang it on.
    if (row.status !== 'ready') throw new AppError('not_found');
  };

  app.get<MediaParams>('/api/media/:mediaId/transcript', { config: { access: access.media } }, async (request, reply) => {
    const { row, rec } = await videoOf(request.params.mediaId);
    if (!await mayRead(request, reply, rec)) return reply;
    const t = row.status === 'erased' ? undefined : await repos.transcripts.get(row.id);
    const body: TranscriptResponse = { transcript: t ? infoFor(t, request.cycleRole!) : null, editable: request.cycleRole === 'owner' };
    return body;
  });

  app.put<MediaParams>(
    '/api/media/:mediaId/transcript',
    { config: { access: access.mediaOwner }, bodyLimit: Math.ceil(transcriptLimits.maxBytes / 3) * 4 + 64 * 1024 },
    async (request, reply) => {
      const { row, rec } = await videoOf(request.params.mediaId);
      await writable(rec, row);
      const body = parse(importTranscriptBody, request.body);
      // Validation by content: the bytes decide the encoding and the format, not a file name.
      const decoded = decodeTranscript(base64ToBytes(body.data));
      const parsed = decoded.ok ? parseTranscript(decoded.text) : decoded;
      if (!parsed.ok) {
        const refusal: TranscriptErrorBody = { error: { code: 'transcript_invalid', message: errorCatalogue.transcript_invalid.message, errors: parsed.errors } };
        return reply.code(errorCatalogue.transcript_invalid.status).send(refusal);
      }
      const speakers = mappingFor(parsed.cues, body.speakers);
      await repos.transcripts.put({ mediaId: row.id, cycleId: rec.cycle_id, format: parsed.format, cues: parsed.cues, speakers, importedBy: request.auth!.user.id });
      // Ids and counts only, never content.
      await repos.audit.record({ actorId: request.auth!.user.id, action: 'transcript_imported', cycleId: rec.cycle_id, target: row.id, detail: { recordingId: rec.id, format: parsed.format, cues: parsed.cues.length } });
      const response: TranscriptResponse = { transcript: infoFor((await repos.transcripts.get(row.id))!, 'owner'), editable: true };
      return response;
    },
  );

  // The export: WebVTT with the pseudonyms the owner chose, for everyone (the owner too), so a
  // file that leaves the app never carries a name the owner replaced.
  app.get<MediaParams>('/api/media/:mediaId/transcript.vtt', { config: { access: access.media } }, async (request, reply) => {
    const { row, rec } = await videoOf(request.params.mediaId);
    if (!await mayRead(request, reply, rec)) return reply;
    const t = row.status === 'erased' ? undefined : await repos.transcripts.get(row.id);
    if (!t) throw new AppError('not_found');
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'transcript_exported', cycleId: rec.cycle_id, target: row.id, detail: { recordingId: rec.id } });
    return reply
      .type('text/vtt; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="transcript.vtt"')
      .send(serialiseVtt(t.cues, (name) => displayName(name, t.speakers)));
  });

  app.put<MediaParams>('/api/media/:mediaId/transcript/speakers', { config: { access: access.mediaOwner } }, async (request) => {
    const { row, rec } = await videoOf(request.params.mediaId);
    await writable(rec, row);
    const body = parse(transcriptSpeakersBody, request.body);
    const t = await repos.transcripts.get(row.id);
    if (!t) throw new AppError('not_found');
    await repos.transcripts.setSpeakers(row.id, mappingFor(t.cues, body.speakers, t.speakers));
    const response: TranscriptResponse = { transcript: infoFor((await repos.transcripts.get(row.id))!, 'owner'), editable: true };
    return response;
  });

  // Deleting a transcript (a wrong file, or the client asked for it): gone from the database and
  // its WAL at once, audited without content. The recording itself stays.
  app.delete<MediaParams>('/api/media/:mediaId/transcript', { config: { access: access.mediaOwner } }, async (request, reply) => {
    const { row, rec } = await videoOf(request.params.mediaId);
    if (await repos.cycles.status(rec.cycle_id) === 'archived') throw new AppError('cycle_archived');
    if (!await repos.transcripts.delete(row.id)) throw new AppError('not_found');
    await repos.media.checkpoint();
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'transcript_deleted', cycleId: rec.cycle_id, target: row.id, detail: { recordingId: rec.id } });
    return reply.code(204).send();
  });
}
