import { formatCueTimestamp, formatPlainTime } from './time.ts';
import type { Cue, TranscriptFormat } from './types.ts';

/** Names as they go out: the owner's pseudonyms in exports (identity when none were chosen). */
export type NameOf = (speaker: string | null) => string | null;
const asIs: NameOf = (s) => s;

function escapeVtt(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function serialiseVtt(cues: readonly Cue[], nameOf: NameOf = asIs): string {
  const body = cues.map((c) => {
    const name = nameOf(c.speaker);
    const text = escapeVtt(c.text);
    return `${formatCueTimestamp(c.start)} --> ${formatCueTimestamp(c.end)}\n${name === null ? text : `<v ${escapeVtt(name)}>${text}</v>`}`;
  });
  return ['WEBVTT', ...body].join('\n\n') + '\n';
}

export function serialiseSrt(cues: readonly Cue[], nameOf: NameOf = asIs): string {
  return cues
    .map((c, i) => {
      const name = nameOf(c.speaker);
      return `${i + 1}\n${formatCueTimestamp(c.start, ',')} --> ${formatCueTimestamp(c.end, ',')}\n${name === null ? c.text : `${name}: ${c.text}`}\n`;
    })
    .join('\n');
}

/** The seeds' form; it keeps whole seconds and start times only. */
export function serialisePlain(cues: readonly Cue[], nameOf: NameOf = asIs): string {
  return cues.map((c) => `${formatPlainTime(c.start)} ${nameOf(c.speaker) === null ? '' : `${nameOf(c.speaker)}: `}${c.text}\n`).join('');
}

export function serialiseTranscript(format: TranscriptFormat, cues: readonly Cue[], nameOf: NameOf = asIs): string {
  return format === 'vtt' ? serialiseVtt(cues, nameOf) : format === 'srt' ? serialiseSrt(cues, nameOf) : serialisePlain(cues, nameOf);
}
