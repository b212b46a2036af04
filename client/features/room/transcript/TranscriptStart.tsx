/** The owner's way to a transcript: import a file, or write one by hand while watching. */
import { useState } from 'react';
import type { TranscriptResponse } from '../../../../shared/protocol/transcript.ts';
import type { PlayerEngine } from '../../../player/engine.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { TranscribeAid } from './TranscribeAid.tsx';
import { TranscriptImport } from './TranscriptImport.tsx';

export function TranscriptStart({ mediaId, engine, onTogglePlay, onDone, onCancel }: {
  mediaId: string;
  engine: PlayerEngine | null;
  onTogglePlay: () => void;
  onDone: (r: TranscriptResponse) => void;
  onCancel: (() => void) | null;
}) {
  const [writing, setWriting] = useState(false);
  if (writing) {
    return <TranscribeAid mediaId={mediaId} currentMs={() => Math.round((engine?.video.currentTime ?? 0) * 1000)} onTogglePlay={onTogglePlay} onDone={onDone} onCancel={() => setWriting(false)} />;
  }
  return (
    <>
      <TranscriptImport mediaId={mediaId} onDone={onDone} onCancel={onCancel} />
      <p className="room__note">
        {t('transcribe.orWrite')}{' '}
        <button type="button" className="button button--secondary" onClick={() => setWriting(true)} data-testid="transcribe-start">
          {t('transcribe.start')}
        </button>
      </p>
    </>
  );
}
