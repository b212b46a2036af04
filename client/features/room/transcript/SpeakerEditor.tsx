/**
 * After the import, the owner can still change each speaker's role and pseudonym (the figures
 * per role and every other member's view follow at once), or delete the transcript altogether.
 */
import { useState } from 'react';
import type { TranscriptResponse } from '../../../../shared/protocol/transcript.ts';
import type { SpeakerMapping } from '../../../../shared/transcript/types.ts';
import { isApiError } from '../../../api/http.ts';
import { deleteTranscript, saveSpeakers } from '../../../api/transcripts.ts';
import { errorMessage, t } from '../../../ui/i18n/nl.ts';
import { SpeakerFields } from './SpeakerFields.tsx';

export function SpeakerEditor({ mediaId, speakers: initial, onSaved, onDeleted, onClose }: {
  mediaId: string;
  speakers: readonly SpeakerMapping[];
  onSaved: (r: TranscriptResponse) => void;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const [speakers, setSpeakers] = useState<SpeakerMapping[]>(() => initial.map((s) => ({ ...s })));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(isApiError(error) ? errorMessage(error.code) : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="transcript__import" data-testid="speaker-editor">
      <SpeakerFields legend={t('transcript.editSpeakers')} speakers={speakers}
        onChange={(name, patch) => setSpeakers((all) => all.map((s) => (s.name === name ? { ...s, ...patch } : s)))} />
      {failure && <p role="alert">{failure}</p>}
      <div className="transcript__tools">
        <button type="button" className="button" disabled={busy} data-testid="speakers-save" onClick={() => void run(async () => onSaved(await saveSpeakers(mediaId, speakers)))}>
          {t('common.save')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onClose}>{t('common.cancel')}</button>
        {!confirming ? (
          <button type="button" className="button button--danger" disabled={busy} data-testid="transcript-delete" onClick={() => setConfirming(true)}>
            {t('transcript.delete')}
          </button>
        ) : (
          <span role="group" aria-label={t('transcript.deleteConfirm')} className="transcript__confirm">
            <span>{t('transcript.deleteConfirm')}</span>
            <button type="button" className="button button--danger" disabled={busy} data-testid="transcript-delete-confirm"
              onClick={() => void run(async () => {
                await deleteTranscript(mediaId);
                onDeleted();
              })}>
              {t('transcript.deleteYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </span>
        )}
      </div>
    </div>
  );
}
