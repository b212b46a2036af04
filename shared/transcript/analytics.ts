import { topicFigures, type TopicFigures } from './chains.ts';
import type { Cue, SpeakerMapping, SpeakerRole } from './types.ts';

/**
 * Conversation figures from a transcript, for the Kijkwijzer's theme "spreektijd" ("Hoe is de
 * spreektijd verdeeld?"): talk share per speaker and role, turns, the longest uninterrupted turn,
 * questions per speaker and silences. They describe the transcript, not a judgement.
 */

export interface SpeakerStats {
  speaker: string;
  talkMs: number;
  /** Share of all talk time, 0..1. */
  share: number;
  turns: number;
  questions: number;
}

export interface Turn {
  speaker: string;
  start: number;
  end: number;
}

/** How many turns of each length: "hoe lang praat de professional zonder onderbreking?" */
export interface TurnLengthBucket {
  fromMs: number;
  /** Exclusive; null for the last, open bucket. */
  toMs: number | null;
  total: number;
  bySpeaker: { speaker: string; count: number }[];
}

export interface TranscriptAnalytics {
  totalTalkMs: number;
  speakers: SpeakerStats[];
  roles: { role: SpeakerRole; talkMs: number; share: number }[];
  turns: number;
  /** Every turn in order (the speaker strip under the timeline draws them). */
  turnList: Turn[];
  longestTurn: Turn | null;
  /** The longest turn of each role that speaks. */
  longestByRole: { role: SpeakerRole; turn: Turn }[];
  turnLengths: TurnLengthBucket[];
  silences: { start: number; end: number }[];
  topics: TopicFigures;
}

/** Bucket edges of the turn-length distribution, in ms. */
export const turnLengthEdges = [0, 5_000, 15_000, 30_000, 60_000] as const;

/** Longer than this without anyone speaking counts as a silence. */
export const silenceThresholdMs = 3_000;

const unknownSpeaker = '?';

/** Dutch question openers: a sentence starting with one asks something unless it exclaims. */
const openers = new Set(
  'wie wat waar wanneer waarom hoe welke welk hoeveel waarmee waarover waardoor kun kunt kan kunnen wil wilt willen heb hebt heeft hebben ben bent is zijn zou zoudt zal zult mag moet moeten doe doet gaat ga weet weten vind vindt'.split(' '),
);

/** The number of questions in a text: sentences ending in "?" or starting with a question word. */
export function countQuestions(text: string): number {
  const sentences = text
    .replace(/[“”„"'‘’«»]/g, '')
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let n = 0;
  for (const s of sentences) {
    if (s.endsWith('?')) n++;
    else if (!s.endsWith('!') && openers.has((s.split(/[\s,]+/)[0] ?? '').toLowerCase())) n++;
  }
  return n;
}

function roleOf(speaker: string, mapping: readonly SpeakerMapping[]): SpeakerRole {
  return mapping.find((m) => m.name === speaker)?.role ?? 'anders';
}

export function analyseTranscript(cues: readonly Cue[], mapping: readonly SpeakerMapping[] = []): TranscriptAnalytics {
  const sorted = [...cues].sort((a, b) => a.start - b.start);
  const stats = new Map<string, SpeakerStats>();
  const statOf = (speaker: string) => {
    let s = stats.get(speaker);
    if (!s) stats.set(speaker, (s = { speaker, talkMs: 0, share: 0, turns: 0, questions: 0 }));
    return s;
  };
  const turns: (Turn & { text: string })[] = [];
  const silences: { start: number; end: number }[] = [];
  let lastEnd: number | null = null;
  for (const c of sorted) {
    const speaker = c.speaker ?? unknownSpeaker;
    const s = statOf(speaker);
    s.talkMs += c.end - c.start;
    s.questions += countQuestions(c.text);
    if (lastEnd !== null && c.start - lastEnd > silenceThresholdMs) silences.push({ start: lastEnd, end: c.start });
    // A turn runs on while the same person speaks, even across a pause; another voice ends it.
    const current = turns[turns.length - 1];
    if (current && current.speaker === speaker) {
      current.end = Math.max(current.end, c.end);
      current.text += `\n${c.text}`;
    } else {
      turns.push({ speaker, start: c.start, end: c.end, text: c.text });
      s.turns++;
    }
    lastEnd = lastEnd === null ? c.end : Math.max(lastEnd, c.end);
  }
  const totalTalkMs = [...stats.values()].reduce((sum, s) => sum + s.talkMs, 0);
  const share = (ms: number) => (totalTalkMs > 0 ? ms / totalTalkMs : 0);
  for (const s of stats.values()) s.share = share(s.talkMs);
  const byRole = new Map<SpeakerRole, number>();
  for (const s of stats.values()) {
    const role = roleOf(s.speaker, mapping);
    byRole.set(role, (byRole.get(role) ?? 0) + s.talkMs);
  }
  const turnList = turns.map(({ speaker, start, end }): Turn => ({ speaker, start, end }));
  const longest = (list: readonly Turn[]) => list.reduce<Turn | null>((best, t) => (best === null || t.end - t.start > best.end - best.start ? t : best), null);
  const longestByRole: { role: SpeakerRole; turn: Turn }[] = [];
  for (const role of byRole.keys()) {
    const turn = longest(turnList.filter((t) => roleOf(t.speaker, mapping) === role));
    if (turn) longestByRole.push({ role, turn });
  }
  return {
    totalTalkMs,
    speakers: [...stats.values()].sort((a, b) => b.talkMs - a.talkMs || a.speaker.localeCompare(b.speaker)),
    roles: [...byRole].map(([role, talkMs]) => ({ role, talkMs, share: share(talkMs) })),
    turns: turns.length,
    turnList,
    longestTurn: longest(turnList),
    longestByRole,
    turnLengths: turnLengthBuckets(turnList),
    silences,
    topics: topicFigures(turns),
  };
}

function turnLengthBuckets(turns: readonly Turn[]): TurnLengthBucket[] {
  return turnLengthEdges.map((fromMs, i) => {
    const toMs = turnLengthEdges[i + 1] ?? null;
    const inside = turns.filter((t) => t.end - t.start >= fromMs && (toMs === null || t.end - t.start < toMs));
    const counts = new Map<string, number>();
    for (const t of inside) counts.set(t.speaker, (counts.get(t.speaker) ?? 0) + 1);
    return { fromMs, toMs, total: inside.length, bySpeaker: [...counts].map(([speaker, count]) => ({ speaker, count })) };
  });
}
