import { parseCueTimestamp } from './time.ts';
import { transcriptLimits, type Cue, type ParseError, type ParseResult, type TranscriptFormat } from './types.ts';

/**
 * Parsers for the transcript formats people bring: WebVTT (Teams exports with `<v Name>` voice
 * spans, cue settings, multi-line cues), SRT, and the method's plain form "06.11 Spreker: tekst".
 * Pure: a malformed file yields every problem with its line number and no cues at all.
 */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_m, name: string) => entities[name]!);
}

/** The voice of a WebVTT payload (`<v Name>` or `<v.loud Name>`) and its text without markup. */
export function vttPayload(lines: readonly string[]): { speaker: string | null; text: string } {
  const raw = lines.join('\n');
  const voice = /<v(?:\.[^\s>]+)*[ \t]+([^>]+)>/.exec(raw);
  const text = decodeEntities(raw.replace(/<[^>]*>/g, '')).trim();
  return { speaker: voice ? voice[1]!.trim() : null, text };
}

/** "Naam: tekst" at the start of a line (SRT and the plain form): a short name, no quotes. */
function splitSpeaker(text: string): { speaker: string | null; text: string } {
  const m = /^([^:“”"\n]{1,60}?):\s*([\s\S]*)$/.exec(text);
  if (!m || m[1]!.trim().split(/\s+/).length > 4 || /^\d/.test(m[1]!)) return { speaker: null, text };
  return { speaker: m[1]!.trim(), text: m[2]!.trim() };
}

class Collector {
  readonly errors: ParseError[] = [];
  readonly cues: Cue[] = [];
  add(line: number, message: string): void {
    if (this.errors.length < transcriptLimits.maxErrors) this.errors.push({ line, message });
  }
  cue(line: number, cue: Cue): void {
    if (this.cues.length === transcriptLimits.maxCues) this.add(line, `Meer dan ${transcriptLimits.maxCues} regels; splits het bestand.`);
    if (this.cues.length >= transcriptLimits.maxCues) return;
    if (cue.text.length > transcriptLimits.maxCueTextLength) this.add(line, `Deze tekst is langer dan ${transcriptLimits.maxCueTextLength} tekens.`);
    if (cue.speaker !== null && cue.speaker.length > transcriptLimits.maxSpeakerNameLength) this.add(line, 'De naam van de spreker is te lang.');
    this.cues.push(cue);
  }
  result(format: TranscriptFormat): ParseResult {
    if (this.errors.length === 0 && this.cues.length === 0) this.add(1, 'Er staat geen enkele tijdgecodeerde regel in dit bestand.');
    const speakers = new Set(this.cues.flatMap((c) => (c.speaker === null ? [] : [c.speaker])));
    if (speakers.size > transcriptLimits.maxSpeakers) this.add(1, `Meer dan ${transcriptLimits.maxSpeakers} verschillende sprekers.`);
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    return { ok: true, format, cues: [...this.cues].sort((a, b) => a.start - b.start || a.end - b.end) };
  }
}

type Block = { line: number; lines: string[] };

/** Lines grouped into blocks separated by blank lines, each with its first line number. */
function blocks(lines: readonly string[], from: number): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') {
      current = null;
      continue;
    }
    if (!current) out.push((current = { line: i + 1, lines: [] }));
    current.lines.push(l);
  }
  return out;
}

function timing(c: Collector, lineNo: number, line: string): { start: number; end: number } | null {
  const m = /^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/.exec(line);
  if (!m) {
    c.add(lineNo, `Verwacht een tijdregel als "00:00:01.000 --> 00:00:04.000", maar staat er "${line.slice(0, 40)}".`);
    return null;
  }
  const start = parseCueTimestamp(m[1]!);
  const end = parseCueTimestamp(m[2]!);
  if (start === null || end === null) {
    c.add(lineNo, `Ongeldige tijd "${(start === null ? m[1]! : m[2]!).slice(0, 20)}".`);
    return null;
  }
  if (end < start) {
    c.add(lineNo, 'De eindtijd ligt vóór de begintijd.');
    return null;
  }
  return { start, end };
}

export function parseVtt(text: string): ParseResult {
  const c = new Collector();
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    c.add(1, 'Een WebVTT-bestand begint met de regel "WEBVTT".');
    return c.result('vtt');
  }
  // The header (line 1 plus any metadata lines) runs to the first blank line.
  const headerEnd = lines.findIndex((l) => l.trim() === '');
  for (const b of blocks(lines, headerEnd < 0 ? lines.length : headerEnd)) {
    const first = b.lines[0]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const timingAt = first.includes('-->') ? 0 : 1;
    const t = b.lines[timingAt] === undefined ? null : timing(c, b.line + timingAt, b.lines[timingAt]!);
    if (b.lines[timingAt] === undefined) c.add(b.line, 'Deze regel hoort bij geen enkele tijdregel.');
    if (!t) continue;
    c.cue(b.line, { ...t, ...vttPayload(b.lines.slice(timingAt + 1)) });
  }
  return c.result('vtt');
}

export function parseSrt(text: string): ParseResult {
  const c = new Collector();
  const lines = text.split(/\r\n|\r|\n/);
  for (const b of blocks(lines, 0)) {
    const hasIndex = /^\s*\d+\s*$/.test(b.lines[0]!);
    const timingAt = hasIndex ? 1 : 0;
    if (!hasIndex && !b.lines[0]!.includes('-->')) {
      c.add(b.line, `Verwacht een volgnummer of tijdregel, maar staat er "${b.lines[0]!.slice(0, 40)}".`);
      continue;
    }
    if (b.lines[timingAt] === undefined) {
      c.add(b.line, 'Na het volgnummer ontbreekt de tijdregel.');
      continue;
    }
    const t = timing(c, b.line + timingAt, b.lines[timingAt]!);
    if (!t) continue;
    // SRT has no voice spans; some tools still write them, others "Naam: tekst".
    const payload = vttPayload(b.lines.slice(timingAt + 1));
    c.cue(b.line, { ...t, ...(payload.speaker !== null ? payload : splitSpeaker(payload.text)) });
  }
  return c.result('srt');
}

const plainLine = /^\s*((?:\d{1,2}:)?\d{1,3}[.:]\d{2})\s+(\S[\s\S]*)$/;

/** The seeds' form: "00.13 De klantmanager: tekst"; a line without a time continues the previous. */
export function parsePlain(text: string): ParseResult {
  const c = new Collector();
  const lines = text.split(/\r\n|\r|\n/);
  const open: { line: number; start: number; speaker: string | null; text: string }[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = plainLine.exec(raw);
    if (!m) {
      const prev = open[open.length - 1];
      if (prev) prev.text = `${prev.text}\n${raw.trim()}`;
      else c.add(i + 1, 'Deze regel begint niet met een tijd als "06.11" of "06:11".');
      return;
    }
    const parts = m[1]!.split(/[.:]/).map(Number);
    const [h, min, sec] = parts.length === 3 ? (parts as [number, number, number]) : [0, parts[0]!, parts[1]!];
    if (sec >= 60 || (parts.length === 3 && min >= 60)) {
      c.add(i + 1, `Ongeldige tijd "${m[1]}": er zijn maar 60 seconden in een minuut.`);
      return;
    }
    const start = (h * 3600 + min * 60 + sec) * 1000;
    const prev = open[open.length - 1];
    if (prev && start < prev.start) c.add(i + 1, `De tijd ${m[1]} ligt vóór die van de regel ervoor.`);
    open.push({ line: i + 1, start, ...splitSpeaker(m[2]!.trim()) });
  });
  open.forEach((o, i) => {
    const next = open[i + 1];
    c.cue(o.line, { start: o.start, end: next ? Math.max(o.start, next.start) : o.start + transcriptLimits.plainLastCueMs, speaker: o.speaker, text: o.text });
  });
  return c.result('plain');
}

/** Recognises the format by content, never by the file name. */
export function detectFormat(text: string): TranscriptFormat {
  if (/^WEBVTT/.test(text)) return 'vtt';
  const firstLine = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  if (/^\s*\d+\s*$/.test(firstLine) || firstLine.includes('-->')) return 'srt';
  return 'plain';
}

export function parseTranscript(text: string): ParseResult {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  switch (detectFormat(body)) {
    case 'vtt':
      return parseVtt(body);
    case 'srt':
      return parseSrt(body);
    default:
      return parsePlain(body);
  }
}
