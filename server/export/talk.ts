import type { FastifyInstance } from 'fastify';
import type { CycleRole } from '../../shared/domain/access.ts';
import { kindText, type CycleKind } from '../../shared/domain/cycle-kinds.ts';
import { canPlay } from '../../shared/domain/consent.ts';
import { formatRange } from '../../shared/domain/cycle-doc/fragments.ts';
import type { MediaLabels } from '../../shared/domain/cycle-doc/recording-refs.ts';
import type { ExportTalk } from '../../shared/protocol/export.ts';
import { analyseTranscript } from '../../shared/transcript/analytics.ts';
import { displayName, type SpeakerRole } from '../../shared/transcript/types.ts';

const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The conversation figures (TRANSCRIPT-3) of every transcript in the cycle whose recording the
 * reader may play: a transcript is content of its recording, so the same consent decides. Names
 * are always the pseudonyms (an export leaves the tool), for the owner too. A transcript left out
 * for consent is named in the omissions, without any of its content.
 */
export async function talkFigures(app: FastifyInstance, cycleId: string, role: CycleRole, labels: MediaLabels, kind: CycleKind): Promise<{ talk: ExportTalk[]; omissions: string[] }> {
  // The speakers' roles in the kind's words ("leidinggevende", "collega"; KIND-3).
  const roleLabels: Record<SpeakerRole, string> = {
    klantmanager: kindText(kind, 'transcript.role.klantmanager').toLowerCase(),
    client: kindText(kind, 'transcript.role.client').toLowerCase(),
    anders: 'anders',
  };
  const talk: ExportTalk[] = [];
  const omissions: string[] = [];
  for (const rec of await app.repos.media.recordingsOf(cycleId)) {
    const files = await app.repos.media.mediaOf(rec.id, 'video');
    for (const file of files) {
      const t = await app.repos.transcripts.get(file.id);
      if (!t) continue;
      // Named as every time code names its file (TIMECODE-3): "video 2" or "video 2 · deel 1".
      const recording = labels.get(file.id) ?? rec.label;
      if (!canPlay(role, await app.media.consentState(rec)).allowed) {
        omissions.push(`De gespreksanalyse van ${recording} is weggelaten: er is geen toestemming om deze opname te bekijken.`);
        continue;
      }
      const a = analyseTranscript(t.cues, t.speakers);
      const nameOf = (speaker: string) => (speaker === '?' ? 'onbekende spreker' : (displayName(speaker, t.speakers) ?? speaker));
      talk.push({
        recording,
        speakers: a.speakers.map((s) => ({ name: nameOf(s.speaker), share: pct(s.share), turns: s.turns, questions: s.questions })),
        roles: a.roles.map((r) => ({ role: roleLabels[r.role], share: pct(r.share) })),
        turns: a.turns,
        longestTurn: a.longestTurn
          ? { speaker: nameOf(a.longestTurn.speaker), range: formatRange(a.longestTurn.start / 1000, a.longestTurn.end / 1000), seconds: Math.round((a.longestTurn.end - a.longestTurn.start) / 1000) }
          : null,
        silences: a.silences.length,
        chains: a.topics.chains.map((c) => ({ range: formatRange(c.start / 1000, c.end / 1000), turns: c.turns, words: c.words })),
        topicShifts: a.topics.topicShifts,
      });
    }
  }
  return { talk, omissions };
}
