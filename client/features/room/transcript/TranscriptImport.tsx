/**
 * The owner imports a transcript (WebVTT, SRT or "06.11 Spreker: tekst"): the file is read and
 * checked here with the same parser the server uses, so mistakes show at once with their line
 * numbers; then each speaker gets a role and, if wanted, a pseudonym for exports.
 */
import { useState, type ChangeEvent } from 'react';
import type { TranscriptResponse } from '../../../../shared/protocol/transcript.ts';
import { decodeTranscript } from '../../../../shared/transcript/decode.ts';
import { parseTranscript } from '../../../../shared/transcript/parse.ts';
import { guessRole, speakerNames, type ParseError, type SpeakerMapping } from '../../../../shared/transcript/types.ts';
import { isApiError } from '../../../api/http.ts';
import { importTranscript } from '../../../api/transcripts.ts';
import { errorMessage } from '../../../ui/i18n/nl.ts';
import { SpeakerFields } from './SpeakerFields.tsx';
import { useKindT } from '../../cycles/kind.ts';

type Picked = { bytes: Uint8Array; cues: number; speakers: SpeakerMapping[] } | { errors: ParseError[] };

export function TranscriptImport({ mediaId, onDone, onCancel }: { mediaId: string; onDone: (r: TranscriptResponse) => void; onCancel: (() => void) | null }) {
  const t = useKindT();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    setFailure(null);
    if (!file) return setPicked(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoded = decodeTranscript(bytes);
    const parsed = decoded.ok ? parseTranscript(decoded.text) : decoded;
    if (!parsed.ok) return setPicked({ errors: parsed.errors });
    setPicked({ bytes, cues: parsed.cues.length, speakers: speakerNames(parsed.cues).map((name) => ({ name, role: guessRole(name), pseudonym: null })) });
  };

  const update = (name: string, patch: Partial<SpeakerMapping>): void =>
    setPicked((p) => (p && 'speakers' in p ? { ...p, speakers: p.speakers.map((s) => (s.name === name ? { ...s, ...patch } : s)) } : p));

  const submit = async (): Promise<void> => {
    if (!picked || !('bytes' in picked)) return;
    setBusy(true);
    try {
      onDone(await importTranscript(mediaId, picked.bytes, picked.speakers));
    } catch (error) {
      setFailure(isApiError(error) ? errorMessage(error.code) : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="transcript__import" data-testid="transcript-import">
      <p className="room__note">{t('transcript.importHint')}</p>
      <label className="transcript__file">
        <span>{t('transcript.file')}</span>
        <input type="file" accept=".vtt,.srt,.txt,text/vtt,text/plain" onChange={(e) => void onFile(e)} data-testid="transcript-file" />
      </label>
      {picked && 'errors' in picked && (
        <div role="alert" data-testid="transcript-errors">
          <p>{t('transcript.invalid')}</p>
          <ul>
            {picked.errors.map((e, i) => (
              <li key={i}>{e.line > 0 ? t('transcript.errorLine', { line: e.line, message: e.message }) : e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {picked && 'speakers' in picked && (
        <SpeakerFields legend={t('transcript.speakers', { cues: picked.cues })} speakers={picked.speakers} onChange={update} />
      )}
      {failure && <p role="alert">{failure}</p>}
      <div className="transcript__tools">
        <button type="button" className="button" disabled={busy || !picked || !('bytes' in picked)} onClick={() => void submit()} data-testid="transcript-submit">
          {busy ? t('common.busy') : t('transcript.import')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
