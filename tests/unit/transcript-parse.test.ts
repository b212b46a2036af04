import { describe, expect, it } from 'vitest';
import { parseTimecode } from '../../client/features/analysis/model.ts';
import { decodeTranscript } from '../../shared/transcript/decode.ts';
import { parsePlain, parseSrt, parseTranscript, parseVtt } from '../../shared/transcript/parse.ts';
import { serialisePlain, serialiseSrt, serialiseVtt } from '../../shared/transcript/serialise.ts';
import { parseTimeCode } from '../../shared/transcript/time.ts';
import { displayName, guessRole, transcriptLimits, type Cue } from '../../shared/transcript/types.ts';

const teams = [
  'WEBVTT',
  '',
  'NOTE exported from Teams',
  '',
  '0a1b2c3d-1',
  '00:00:13.000 --> 00:00:15.500 align:start position:10%',
  '<v Jan de Klantmanager>Laten we bij het begin beginnen,',
  'vertel, hoe is het?</v>',
  '',
  '0a1b2c3d-2',
  '00:00:15.500 --> 00:00:21.000',
  '<v.loud Cliënt Pietersen>Ja wat ik zei, het gaat goed &amp; <i>wel</i> wat last van mijn rug.</v>',
  '',
].join('\n');

function ok(result: ReturnType<typeof parseTranscript>): Cue[] {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.cues;
}

describe('TRANSCRIPT-1 parsers for WebVTT, SRT and the plain form', () => {
  it('reads Teams voice spans, cue settings, identifiers, notes and multi-line cues', () => {
    const result = parseTranscript(teams);
    expect(result).toMatchObject({ ok: true, format: 'vtt' });
    expect(ok(result)).toEqual([
      { start: 13_000, end: 15_500, speaker: 'Jan de Klantmanager', text: 'Laten we bij het begin beginnen,\nvertel, hoe is het?' },
      { start: 15_500, end: 21_000, speaker: 'Cliënt Pietersen', text: 'Ja wat ik zei, het gaat goed & wel wat last van mijn rug.' },
    ]);
  });

  it('reads SRT with "Naam: tekst" and the comma in its times', () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:04,250\r\nDe klantmanager: Hoe gaat het?\r\n\r\n2\r\n00:00:05,000 --> 00:00:07,000\r\nGoed.\r\nEcht goed.\r\n';
    expect(ok(parseTranscript(srt))).toEqual([
      { start: 1_000, end: 4_250, speaker: 'De klantmanager', text: 'Hoe gaat het?' },
      { start: 5_000, end: 7_000, speaker: null, text: 'Goed.\nEcht goed.' },
    ]);
  });

  it('reads the seeds\' plain form: "06.11" is 6 min 11 s, wrapped lines continue, the next line ends a cue', () => {
    const plain = [
      '00.13 De klantmanager: “Laten we bij het begin beginnen, vertel, hoe is het?”.',
      '00.15 De cliënt: “Ja wat ik zei, het gaat goed. Wel wat last van mijn rug, maar daar ben ',
      'ik mee bezig.”',
      '06:11 De klantmanager: Fijn.',
    ].join('\n');
    const result = parseTranscript(plain);
    expect(result).toMatchObject({ ok: true, format: 'plain' });
    expect(ok(result)).toEqual([
      { start: 13_000, end: 15_000, speaker: 'De klantmanager', text: '“Laten we bij het begin beginnen, vertel, hoe is het?”.' },
      { start: 15_000, end: 371_000, speaker: 'De cliënt', text: '“Ja wat ik zei, het gaat goed. Wel wat last van mijn rug, maar daar ben\nik mee bezig.”' },
      { start: 371_000, end: 371_000 + transcriptLimits.plainLastCueMs, speaker: 'De klantmanager', text: 'Fijn.' },
    ]);
  });

  it('lists every problem of a malformed file with its line number (in Dutch) and returns no cues', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGoed\n\n00:00:0x.000 --> 00:00:04.000\nFout\n\n00:00:09.000 --> 00:00:05.000\nAchterstevoren\n\nlosse regel\n';
    const bad = parseVtt(vtt);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.line)).toEqual([6, 9, 12]);
    expect(bad.errors[0]!.message).toMatch(/Ongeldige tijd/);
    expect(bad.errors[1]!.message).toMatch(/eindtijd ligt vóór de begintijd/);
    expect(parseVtt('WEBVTX\n\n00:00:01.000 --> 00:00:02.000\nx')).toEqual({ ok: false, errors: [{ line: 1, message: expect.stringMatching(/WEBVTT/) }] });
    expect(parseSrt('1\n00:00:01,000 -> 00:00:02,000\nx\n')).toMatchObject({ ok: false, errors: [{ line: 2 }] });
    expect(parsePlain('Inleiding zonder tijd\n00.13 A: b\n00.75 A: c\n00.10 A: d')).toMatchObject({
      ok: false,
      errors: [{ line: 1 }, { line: 3 }, { line: 4 }],
    });
    expect(parseTranscript('')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it('refuses more cues than the limit', () => {
    const many = Array.from({ length: transcriptLimits.maxCues + 1 }, (_, i) => `${String(Math.floor(i / 60)).padStart(2, '0')}.${String(i % 60).padStart(2, '0')} A: x`).join('\n');
    expect(parsePlain(many)).toMatchObject({ ok: false });
  });

  it('decodes UTF-8 with and without BOM and Windows-1252, and refuses UTF-16 and binary files', () => {
    const text = '00.13 De cliënt: “Ja”';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeTranscript(utf8)).toEqual({ ok: true, text });
    expect(decodeTranscript(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text });
    // "cliënt" and curly quotes as Word saves them in Windows-1252.
    const cp1252 = new Uint8Array([...new TextEncoder().encode('00.13 De cli'), 0xeb, ...new TextEncoder().encode('nt: '), 0x93, 0x4a, 0x61, 0x94]);
    expect(decodeTranscript(cp1252)).toEqual({ ok: true, text });
    expect(decodeTranscript(new Uint8Array([0xff, 0xfe, 0x30, 0x00]))).toMatchObject({ ok: false });
    expect(decodeTranscript(new Uint8Array(transcriptLimits.maxBytes + 1).fill(0x41))).toMatchObject({ ok: false });
  });

  it('parse ∘ serialise is the identity for each format, with pseudonyms replacing names on the way out', () => {
    const cues = ok(parseTranscript(teams));
    expect(ok(parseTranscript(serialiseVtt(cues)))).toEqual(cues);
    expect(ok(parseTranscript(serialiseSrt(cues)))).toEqual(cues);
    const whole: Cue[] = [
      { start: 13_000, end: 15_000, speaker: 'De klantmanager', text: 'Hoe is het?' },
      { start: 15_000, end: 20_000, speaker: 'De cliënt', text: 'Goed.\nEcht.' },
    ];
    expect(ok(parseTranscript(serialisePlain(whole)))).toEqual(whole);
    const mapping = [{ name: 'Cliënt Pietersen', role: 'client' as const, pseudonym: 'Cliënt A' }];
    const out = serialiseVtt(cues, (s) => displayName(s, mapping));
    expect(out).toContain('<v Cliënt A>');
    expect(out).not.toContain('Pietersen');
  });

  it('guesses roles from names the owner then confirms', () => {
    expect(guessRole('De klantmanager')).toBe('klantmanager');
    expect(guessRole('Cliënt Pietersen')).toBe('client');
    expect(guessRole('Tolk')).toBe('anders');
  });
});

describe('TRANSCRIPT-2 time fields read "06.11" as 6 minutes 11 seconds', () => {
  it('the shared parser and the analysis form agree', () => {
    for (const parse of [parseTimeCode, parseTimecode]) {
      expect(parse('06.11')).toBe(371);
      expect(parse('6:11')).toBe(371);
      expect(parse('95,5')).toBe(95.5);
      expect(parse('95.5')).toBe(95.5);
      expect(parse('1:02:03')).toBe(3723);
      expect(parse('06.75')).toBeNull();
    }
  });
});
