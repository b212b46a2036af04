import type { ExportTalk } from '../protocol/export.ts';
import type { TranscriptAnalytics } from './analytics.ts';
import { formatRange } from '../domain/cycle-doc/fragments.ts';

/** The heading of the conversation figures in every export format. */
export const talkHeading = 'Gespreksanalyse: spreektijd en beurten';
export const talkNote = 'Berekend uit het transcript; onderwerpketens zijn een benadering op gedeelde woorden. Namen zijn pseudoniemen.';

/**
 * One transcript's figures as sentences, identical in Markdown, Word and the print page:
 * "Cliënt A: 55% van de spreektijd, 4 beurten, 1 vraag".
 */
export function talkLines(t: ExportTalk): string[] {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines = t.speakers.map((s) => `${s.name}: ${s.share} van de spreektijd, ${plural(s.turns, 'beurt', 'beurten')}, ${plural(s.questions, 'vraag', 'vragen')}`);
  if (t.roles.length) lines.push(`Per rol: ${t.roles.map((r) => `${r.role} ${r.share}`).join(', ')}`);
  lines.push(`${plural(t.turns, 'beurt', 'beurten')}, ${plural(t.silences, 'stilte', 'stiltes')} langer dan 3 seconden`);
  if (t.longestTurn) lines.push(`Langste beurt zonder onderbreking: ${t.longestTurn.speaker}, ${t.longestTurn.seconds} s (${t.longestTurn.range})`);
  lines.push(
    `Onderwerpen: ${plural(t.chains.length, 'keten', 'ketens')} van minstens drie beurten over één onderwerp, ${plural(t.topicShifts, 'nieuw onderwerp', 'nieuwe onderwerpen')}`,
  );
  for (const c of t.chains) lines.push(`Keten ${c.range}: ${c.turns} beurten over ${c.words.join(', ')}`);
  return lines;
}

/**
 * The figures as one agenda item under interventielogica ("Wie was er het hardst aan het werk
 * in dit gesprek?"), where the Kijkwijzer's theme spreektijd is discussed.
 */
export function talkAgendaText(a: TranscriptAnalytics, nameOf: (speaker: string) => string): string {
  const shares = a.speakers.map((s) => `${nameOf(s.speaker)} ${Math.round(s.share * 100)}%`).join(', ');
  const longest = a.longestTurn
    ? `; langste beurt ${nameOf(a.longestTurn.speaker)} ${Math.round((a.longestTurn.end - a.longestTurn.start) / 1000)} s (${formatRange(a.longestTurn.start / 1000, a.longestTurn.end / 1000)})`
    : '';
  return `Spreektijd: ${shares}; ${a.turns} beurten${longest}; ${a.topics.chains.length} onderwerpketens, ${a.topics.topicShifts} nieuwe onderwerpen.`;
}
