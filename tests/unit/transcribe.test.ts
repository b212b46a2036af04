import { describe, expect, it } from 'vitest';
import { insertTimeCode, speakerList, switchSpeaker } from '../../client/features/room/transcript/transcribe.ts';
import { parseTranscript } from '../../shared/transcript/parse.ts';

describe('TRANSCRIPT-7 manual transcription aid: time codes and speakers in the seeds\' plain form', () => {
  it('starts a line with the time and speaker on an empty line, or on a new line after the caret\'s', () => {
    expect(insertTimeCode('', 0, 371_400, 'De klantmanager')).toEqual({ text: '06.11 De klantmanager: ', caret: 23 });
    const first = '00.13 De klantmanager: Goedemorgen.';
    expect(insertTimeCode(first, 5, 15_000, 'De cliënt')).toEqual({ text: `${first}\n00.15 De cliënt: `, caret: first.length + 1 + 17 });
    expect(insertTimeCode('a\n\nb', 2, 60_000, 'X')).toEqual({ text: 'a\n01.00 X: \nb', caret: 11 });
  });

  it('switches to the next speaker, renaming only a line just started for the current one', () => {
    const speakers = ['De klantmanager', 'De cliënt'];
    const line = '00.13 De klantmanager: ';
    expect(switchSpeaker(line, line.length, speakers, 'De klantmanager')).toEqual({ text: '00.13 De cliënt: ', caret: 17, speaker: 'De cliënt' });
    expect(switchSpeaker(`${line}Hallo`, line.length + 5, speakers, 'De klantmanager')).toEqual({ text: `${line}Hallo`, caret: line.length + 5, speaker: 'De cliënt' });
    expect(switchSpeaker('vrije tekst', 3, speakers, 'De cliënt')).toEqual({ text: 'vrije tekst', caret: 3, speaker: 'De klantmanager' });
    expect(speakerList(' De klantmanager, , De cliënt,De cliënt, a:b ')).toEqual(['De klantmanager', 'De cliënt']);
  });

  it('what the aid writes imports with the same parser as a file', () => {
    let edit = insertTimeCode('', 0, 13_000, 'De klantmanager');
    edit = { text: `${edit.text}Hoe gaat het?`, caret: edit.caret + 13 };
    edit = insertTimeCode(edit.text, edit.caret, 17_000, 'De cliënt');
    const parsed = parseTranscript(`${edit.text}Goed.`);
    expect(parsed).toMatchObject({ ok: true, format: 'plain', cues: [{ start: 13_000, end: 17_000, speaker: 'De klantmanager', text: 'Hoe gaat het?' }, { start: 17_000, speaker: 'De cliënt', text: 'Goed.' }] });
  });
});
