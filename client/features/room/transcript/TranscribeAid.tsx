/**
 * Writing a transcript by hand while watching, for a recording without one: Alt+T starts a line
 * with the video's current time and the speaker, Alt+S switches to the next speaker, Alt+K plays
 * or pauses. Typing stays in the field (the player's shortcuts ignore text fields). Saving imports
 * the text in the seeds' plain form through the same checks as a file.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { TranscriptResponse } from '../../../../shared/protocol/transcript.ts';
import { decodeTranscript } from '../../../../shared/transcript/decode.ts';
import { parseTranscript } from '../../../../shared/transcript/parse.ts';
import { guessRole, type ParseError } from '../../../../shared/transcript/types.ts';
import { isApiError } from '../../../api/http.ts';
import { importTranscript } from '../../../api/transcripts.ts';
import { errorMessage } from '../../../ui/i18n/nl.ts';
import { insertTimeCode, speakerList, switchSpeaker, type Edit } from './transcribe.ts';
import { useKindT } from '../../cycles/kind.ts';

export function TranscribeAid({ mediaId, currentMs, onTogglePlay, onDone, onCancel }: {
  mediaId: string;
  currentMs: () => number;
  onTogglePlay: () => void;
  onDone: (r: TranscriptResponse) => void;
  onCancel: () => void;
}) {
  const t = useKindT();
  const [names, setNames] = useState(t('transcribe.defaultSpeakers'));
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState(() => speakerList(t('transcribe.defaultSpeakers'))[0] ?? '');
  const [errors, setErrors] = useState<ParseError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const speakers = speakerList(names);
  const current = speakers.includes(speaker) ? speaker : (speakers[0] ?? '');

  const apply = (edit: Edit): void => {
    setText(edit.text);
    // After React has put the new text in, put the caret where the edit says.
    requestAnimationFrame(() => area.current?.setSelectionRange(edit.caret, edit.caret));
  };

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const caret = event.currentTarget.selectionStart;
    if (key === 't' || event.code === 'KeyT') {
      event.preventDefault();
      apply(insertTimeCode(text, caret, currentMs(), current));
    } else if (key === 's' || event.code === 'KeyS') {
      event.preventDefault();
      const next = switchSpeaker(text, caret, speakers, current);
      setSpeaker(next.speaker);
      apply(next);
    } else if (key === 'k' || event.code === 'KeyK') {
      event.preventDefault();
      onTogglePlay();
    }
  };

  const save = async (): Promise<void> => {
    const bytes = new TextEncoder().encode(text);
    const decoded = decodeTranscript(bytes);
    const parsed = decoded.ok ? parseTranscript(decoded.text) : decoded;
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors([]);
    setBusy(true);
    try {
      const mapping = speakers.map((name) => ({ name, role: guessRole(name), pseudonym: null }));
      const used = new Set(parsed.cues.map((c) => c.speaker));
      onDone(await importTranscript(mediaId, bytes, mapping.filter((m) => used.has(m.name))));
    } catch (error) {
      setFailure(isApiError(error) ? errorMessage(error.code) : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="transcript__import" data-testid="transcribe-aid">
      <p className="room__note" id="transcribe-help">{t('transcribe.help')}</p>
      <label className="transcript__search">
        <span>{t('transcribe.speakers')}</span>
        <input type="text" value={names} onChange={(e) => setNames(e.target.value)} data-testid="transcribe-speakers" />
      </label>
      <p className="room__note" aria-live="polite" data-testid="transcribe-current">{t('transcribe.current', { speaker: current })}</p>
      <label className="transcript__search">
        <span>{t('transcribe.text')}</span>
        <textarea ref={area} className="transcript__textarea" rows={10} value={text} aria-describedby="transcribe-help"
          onChange={(e) => setText(e.target.value)} onKeyDown={onKey} data-testid="transcribe-text" />
      </label>
      {errors.length > 0 && (
        <div role="alert" data-testid="transcript-errors">
          <p>{t('transcript.invalid')}</p>
          <ul>{errors.map((e, i) => <li key={i}>{e.line > 0 ? t('transcript.errorLine', { line: e.line, message: e.message }) : e.message}</li>)}</ul>
        </div>
      )}
      {failure && <p role="alert">{failure}</p>}
      <div className="transcript__tools">
        <button type="button" className="button" disabled={busy || text.trim() === ''} onClick={() => void save()} data-testid="transcribe-save">
          {busy ? t('common.busy') : t('transcribe.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
