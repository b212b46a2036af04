/**
 * Transcripts of a recording's media file: time-coded lines ("cues"), each with the speaker as
 * named in the imported file. Times are whole milliseconds from the start of the file.
 */
export type TranscriptFormat = 'vtt' | 'srt' | 'plain';

export interface Cue {
  start: number;
  end: number;
  /** The name as the file gives it ("De klantmanager", Teams' `<v Jan Jansen>`), or null. */
  speaker: string | null;
  /** Plain text; lines of a multi-line cue are joined with "\n". */
  text: string;
}

export const speakerRoles = ['klantmanager', 'client', 'anders'] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

/** What the owner decided about one speaker name: their role, and a pseudonym for exports. */
export interface SpeakerMapping {
  name: string;
  role: SpeakerRole;
  pseudonym: string | null;
}

export interface ParseError {
  /** 1-based line number in the file as imported. */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; format: TranscriptFormat; cues: Cue[] } | { ok: false; errors: ParseError[] };

/** Bounds checked by content on both sides (the client refuses early with the same numbers). */
export const transcriptLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxCues: 20_000,
  maxCueTextLength: 5_000,
  maxSpeakers: 50,
  maxSpeakerNameLength: 100,
  /** A file full of mistakes gets the first ones listed, not thousands. */
  maxErrors: 50,
  /** The last line of the plain form has no next line to end it. */
  plainLastCueMs: 5_000,
} as const;

/** The name shown and exported for a speaker: the pseudonym when the owner chose one. */
export function displayName(name: string | null, speakers: readonly SpeakerMapping[]): string | null {
  if (name === null) return null;
  const m = speakers.find((s) => s.name === name);
  return m?.pseudonym?.trim() ? m.pseudonym.trim() : name;
}

/** The distinct speaker names in order of first appearance. */
export function speakerNames(cues: readonly Cue[]): string[] {
  const seen = new Set<string>();
  for (const c of cues) if (c.speaker !== null) seen.add(c.speaker);
  return [...seen];
}

/** A first guess the owner confirms or changes: names that say who they are. */
export function guessRole(name: string): SpeakerRole {
  const n = name.toLowerCase();
  if (/klantmanager|werkregisseur|consulent/.test(n)) return 'klantmanager';
  if (/cli[eë]nt/.test(n)) return 'client';
  return 'anders';
}
