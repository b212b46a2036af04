import { describe, expect, it } from 'vitest';
import { cueIndexAt, matchesSearch } from '../../client/features/room/transcript/model.ts';
import { analyseTranscript, countQuestions } from '../../shared/transcript/analytics.ts';
import { contentStems, topicFigures } from '../../shared/transcript/chains.ts';
import type { Cue } from '../../shared/transcript/types.ts';

// Hand-computed: A speaks 4 + 2 + 1 = 7 s, B 6 + 2 + 1 = 9 s of 16 s; B's two cues are one turn
// of 8 s (4–12 s); nobody speaks from 12 to 16 s (4 s > 3 s), the 2 s pause at 19–21 s is no silence.
const cues: Cue[] = [
  { start: 0, end: 4_000, speaker: 'A', text: 'Hoe gaat het?' },
  { start: 4_000, end: 10_000, speaker: 'B', text: 'Goed. Ik ben blij.' },
  { start: 10_000, end: 12_000, speaker: 'B', text: 'Echt waar.' },
  { start: 16_000, end: 18_000, speaker: 'A', text: 'Wat fijn! Wil je koffie' },
  { start: 18_000, end: 19_000, speaker: 'B', text: 'Nee.' },
  { start: 21_000, end: 22_000, speaker: 'A', text: '“Kun je dat uitleggen.”' },
];

describe('TRANSCRIPT-3 conversation analytics on a hand-computed fixture', () => {
  const a = analyseTranscript(cues, [
    { name: 'A', role: 'klantmanager', pseudonym: null },
    { name: 'B', role: 'client', pseudonym: 'Cliënt A' },
  ]);

  it('talk share per speaker and per role', () => {
    expect(a.totalTalkMs).toBe(16_000);
    expect(a.speakers.map((s) => [s.speaker, s.talkMs, s.share])).toEqual([
      ['B', 9_000, 0.5625],
      ['A', 7_000, 0.4375],
    ]);
    expect(a.roles).toEqual([
      { role: 'klantmanager', talkMs: 7_000, share: 0.4375 },
      { role: 'client', talkMs: 9_000, share: 0.5625 },
    ]);
  });

  it('turns, the longest uninterrupted turn and silences over 3 s', () => {
    expect(a.turns).toBe(5);
    expect(Object.fromEntries(a.speakers.map((s) => [s.speaker, s.turns]))).toEqual({ A: 3, B: 2 });
    expect(a.longestTurn).toEqual({ speaker: 'B', start: 4_000, end: 12_000 });
    expect(a.silences).toEqual([{ start: 12_000, end: 16_000 }]);
  });

  it('questions per speaker: "?" at the end or a Dutch question word at the start, not an exclamation', () => {
    expect(Object.fromEntries(a.speakers.map((s) => [s.speaker, s.questions]))).toEqual({ A: 3, B: 0 });
    expect(countQuestions('Wanneer begin je. Heb je dat gedaan? Is goed!')).toBe(2);
    expect(countQuestions('Ik ben er. Welke dag')).toBe(1);
  });

  it('turn lengths per bucket and speaker, and the longest turn of each role', () => {
    // Turns: A 4 s, B 8 s, A 2 s, B 1 s, A 1 s.
    expect(a.turnLengths.map((b) => [b.fromMs, b.toMs, b.total, Object.fromEntries(b.bySpeaker.map((x) => [x.speaker, x.count]))])).toEqual([
      [0, 5_000, 4, { A: 3, B: 1 }],
      [5_000, 15_000, 1, { B: 1 }],
      [15_000, 30_000, 0, {}],
      [30_000, 60_000, 0, {}],
      [60_000, null, 0, {}],
    ]);
    expect(a.longestByRole).toEqual([
      { role: 'klantmanager', turn: { speaker: 'A', start: 0, end: 4_000 } },
      { role: 'client', turn: { speaker: 'B', start: 4_000, end: 12_000 } },
    ]);
    expect(a.turnList.map((t) => t.speaker).join('')).toBe('ABABA');
    // Content stems: –, {blij}, {fijn, koffi}, –, {uitlegg}: nothing shared, two shifts.
    expect(a.topics).toEqual({ chains: [], linkedPairs: 0, topicShifts: 2 });
  });

  it('an empty transcript has no figures', () => {
    expect(analyseTranscript([])).toEqual({
      totalTalkMs: 0,
      speakers: [],
      roles: [],
      turns: 0,
      turnList: [],
      longestTurn: null,
      longestByRole: [],
      turnLengths: [0, 5_000, 15_000, 30_000, 60_000].map((fromMs, i, all) => ({ fromMs, toMs: all[i + 1] ?? null, total: 0, bySpeaker: [] })),
      silences: [],
      topics: { chains: [], linkedPairs: 0, topicShifts: 0 },
    });
  });
});

describe('TRANSCRIPT-3 topic chains by lexical overlap (hand-computed)', () => {
  const turn = (speaker: string, start: number, end: number, text: string) => ({ speaker, start, end, text });
  const talk = [
    turn('A', 0, 5_000, 'Hoe gaat het met de sollicitatie bij de bakkerij?'), // {sollicitati, bakkerij}
    turn('B', 5_000, 9_000, 'De sollicitatie ging slecht, ik was te laat.'), // {sollicitati, ging, slecht}: linked
    turn('A', 9_000, 12_000, 'Waarom was je te laat voor de sollicitatie?'), // {sollicitati}: linked
    turn('B', 12_000, 13_000, 'Ja.'), // no content: neither links nor breaks
    turn('A', 13_000, 16_000, 'Zullen we het over je schulden hebben?'), // {schuld}: a new topic
    turn('B', 16_000, 20_000, 'Mijn schulden zijn gegroeid.'), // {schuld, gegroeid}: linked, but only two turns
  ];

  it('stems content words: function words and short words out, plural and diminutive folded', () => {
    expect([...contentStems('De afspraken en de afspraak, één keer per week!')].sort()).toEqual(['afsprak', 'wek']);
    expect([...contentStems('Zullen we de tafeltjes en het tafeltje even pakken?')].sort()).toEqual(['pak', 'tafel']);
  });

  it('finds the ping-pong chain of three turns, counts linked pairs and topic shifts', () => {
    expect(topicFigures(talk)).toEqual({
      chains: [{ start: 0, end: 13_000, turns: 3, words: ['sollicitati'] }],
      linkedPairs: 3,
      topicShifts: 1,
    });
  });
});

describe('TRANSCRIPT-3 the panel follows playback and searches', () => {
  it('finds the line spoken at a moment and matches searches without case or accents', () => {
    expect(cueIndexAt([], 0)).toBe(-1);
    expect([0, 3_999, 4_000, 13_000, 30_000].map((ms) => cueIndexAt(cues, ms))).toEqual([0, 0, 1, 2, 5]);
    expect(matchesSearch({ start: 0, end: 1, speaker: 'De cliënt', text: 'Ik ben blij' }, 'CLIENT')).toBe(true);
    expect(matchesSearch({ start: 0, end: 1, speaker: null, text: 'Ik ben blij' }, 'werk')).toBe(false);
  });
});
