/**
 * Pure editing steps of the manual transcription aid, in the seeds' plain form
 * ("06.11 De klantmanager: tekst"), so the result imports with the same parser as a file.
 */
import { formatPlainTime } from '../../../../shared/transcript/time.ts';

export interface Edit {
  text: string;
  caret: number;
}

const lineStart = (text: string, caret: number) => text.lastIndexOf('\n', caret - 1) + 1;
const lineEnd = (text: string, caret: number) => {
  const i = text.indexOf('\n', caret);
  return i === -1 ? text.length : i;
};

/** Starts a line "mm.ss Spreker: " at the caret: on the caret's line when empty, else a new line after it. */
export function insertTimeCode(text: string, caret: number, ms: number, speaker: string): Edit {
  const prefix = `${formatPlainTime(ms)} ${speaker}: `;
  const start = lineStart(text, caret);
  const end = lineEnd(text, caret);
  if (text.slice(start, end).trim() === '') {
    const next = text.slice(0, start) + prefix + text.slice(end);
    return { text: next, caret: start + prefix.length };
  }
  const next = `${text.slice(0, end)}\n${prefix}${text.slice(end)}`;
  return { text: next, caret: end + 1 + prefix.length };
}

const timedLine = /^(\d{1,3}[.:]\d{2}) ([^:\n]+): /;

/**
 * The speaker after `current` in the list (wrapping). A line just started for `current` (nothing
 * typed after its prefix yet) is renamed; a line with words keeps its speaker.
 */
export function switchSpeaker(text: string, caret: number, speakers: readonly string[], current: string): Edit & { speaker: string } {
  const list = speakers.length > 0 ? speakers : [current];
  const speaker = list[(list.indexOf(current) + 1) % list.length]!;
  const start = lineStart(text, caret);
  const line = text.slice(start, lineEnd(text, caret));
  const match = timedLine.exec(line);
  if (!match || match[2] !== current || line.slice(match[0].length).trim() !== '') return { text, caret, speaker };
  const from = start + match[1]!.length + 1;
  const next = text.slice(0, from) + speaker + text.slice(from + current.length);
  return { text: next, caret: caret >= from + current.length ? caret + speaker.length - current.length : caret, speaker };
}

/** "De klantmanager, De cliënt" → the names, trimmed, without empties or doubles. */
export function speakerList(input: string): string[] {
  return [...new Set(input.split(',').map((s) => s.trim()).filter((s) => s !== '' && !s.includes(':')))];
}
