import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { Recordings } from '../../api/media.ts';
import { Alert, Button, ConfirmDialog, Field, Notice } from '../../ui/primitives.tsx';
import { errorMessage, t, type MessageKey } from '../../ui/i18n/nl.ts';
import { formatBytes, formatTimeLeft } from './format.ts';
import { useUploads, type CycleUploads, type UploadItem, type UploadPhase } from './uploads.ts';

/** What the file pickers offer; the server checks the content, not the name or this list. */
const acceptVideo = 'video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.m4v,.mov,.webm,.mkv';

const phaseKeys: Record<UploadPhase, MessageKey> = {
  uploading: 'recordings.upload.phase.uploading',
  processing: 'recordings.upload.phase.processing',
  paused: 'recordings.upload.phase.paused',
  waiting: 'recordings.upload.phase.waiting',
  interrupted: 'recordings.upload.phase.interrupted',
  done: 'recordings.upload.phase.done',
  failed: 'recordings.upload.phase.failed',
};

/**
 * "Video toevoegen" (owner only): choose one or more files; each gets a progress bar with
 * percentage, megabytes, speed and time left, and can be paused, resumed and cancelled.
 */
export function UploadSection({ store, recordings }: { store: CycleUploads; recordings: Recordings }) {
  const items = useUploads(store);
  const [target, setTarget] = useState('');
  const [cancelling, setCancelling] = useState<UploadItem | null>(null);
  const headingId = useId();
  const targets = recordings.recordings.filter((r) => !r.erased);
  const mediaById = new Map(recordings.recordings.flatMap((r) => r.media.map((m) => [m.id, m] as const)));

  const onFiles = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = Array.from(event.target.files ?? []);
    // Choosing the same file again must fire `change` again.
    event.target.value = '';
    if (files.length > 0) store.add(files, target === '' ? null : target);
  };

  return (
    <section className="uploads" aria-labelledby={headingId} data-testid="upload-section">
      <h3 className="recordings__subtitle" id={headingId}>{t('recordings.upload.heading')}</h3>
      <p className="recordings__hint">{t('recordings.upload.intro', { max: formatBytes(recordings.maxUploadBytes) })}</p>
      <div className="uploads__pickers">
        {targets.length > 0 && (
          <Field label={t('recordings.upload.target')}>
            {(props) => (
              <select {...props} className="field__input" value={target} onChange={(event) => setTarget(event.target.value)}>
                <option value="">{t('recordings.upload.targetNew')}</option>
                {targets.map((r) => <option key={r.id} value={r.id}>{t('recordings.upload.targetExisting', { label: r.label })}</option>)}
              </select>
            )}
          </Field>
        )}
        <Field label={t('recordings.upload.choose')}>
          {(props) => (
            <input {...props} className="field__input uploads__file" type="file" multiple accept={acceptVideo}
              data-testid="upload-input" onChange={onFiles} />
          )}
        </Field>
      </div>
      <p className="recordings__hint" data-testid="upload-quota">
        {t('recordings.upload.quota', { used: formatBytes(recordings.quota.usedBytes), limit: formatBytes(recordings.quota.limitBytes) })}
      </p>
      {items.length > 0 && (
        <ul className="uploads__list" aria-label={t('recordings.upload.listLabel')}>
          {items.map((item) => (
            <UploadRow key={item.key} item={item} store={store}
              faststart={item.mediaId !== null ? mediaById.get(item.mediaId)?.faststart ?? null : null}
              onCancel={() => setCancelling(item)} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={cancelling !== null}
        title={t('recordings.upload.cancelTitle')}
        body={<p>{t('recordings.upload.cancelBody', { name: cancelling?.fileName ?? '' })}</p>}
        confirmLabel={t('recordings.upload.cancelConfirm')}
        cancelLabel={t('recordings.upload.keepGoing')}
        onConfirm={() => {
          if (cancelling !== null) void store.cancel(cancelling.key);
          setCancelling(null);
        }}
        onCancel={() => setCancelling(null)}
      />
    </section>
  );
}

function percentOf(item: UploadItem): number {
  if (item.phase === 'done') return 100;
  if (item.size <= 0) return 0;
  return Math.min(100, Math.floor((item.bytesSent / item.size) * 100));
}

function UploadRow({ item, store, faststart, onCancel }: {
  item: UploadItem;
  store: CycleUploads;
  faststart: boolean | null;
  onCancel: () => void;
}) {
  const resumeInput = useRef<HTMLInputElement>(null);
  const percent = percentOf(item);
  const sent = item.phase === 'done' ? item.size : item.bytesSent;
  const progressText = t('recordings.upload.progressText', { percent, sent: formatBytes(sent), total: formatBytes(item.size) });
  const rate = item.phase === 'uploading' && item.bytesPerSecond !== null
    ? [t('recordings.upload.speed', { speed: formatBytes(item.bytesPerSecond) }),
        ...(item.secondsLeft !== null ? [t('recordings.upload.remaining', { time: formatTimeLeft(item.secondsLeft) })] : [])]
    : [];
  const active = item.phase === 'uploading' || item.phase === 'processing' || item.phase === 'paused' || item.phase === 'waiting' || item.phase === 'interrupted';

  return (
    <li className={`upload upload--${item.phase}`} data-testid="upload-item" data-phase={item.phase} data-file-name={item.fileName}>
      <div className="upload__head">
        <span className="upload__name">{item.fileName}</span>
        <span className="upload__phase" data-testid="upload-phase">{t(phaseKeys[item.phase])}</span>
      </div>
      {/* A refused file has no progress to show: the refusal below says what happened. */}
      {item.phase !== 'failed' && (
        <>
          <div className="progress" role="progressbar" aria-label={t('recordings.upload.progressLabel', { name: item.fileName })}
            aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={progressText}>
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="upload__numbers" data-testid="upload-numbers">{[progressText, ...rate].join(' · ')}</p>
        </>
      )}

      {item.phase === 'interrupted' && !item.wrongFile && item.failure === null && (
        <p className="recordings__hint">
          {item.fingerprint === null
            ? t('recordings.upload.adoptedHint', { size: formatBytes(item.size) })
            : t('recordings.upload.interruptedHint', { name: item.fileName, size: formatBytes(item.size) })}
        </p>
      )}
      {item.wrongFile && (
        <Alert tone="warning" data-testid="upload-error">
          {item.fingerprint === null
            ? t('recordings.upload.wrongSize', { size: formatBytes(item.size) })
            : t('recordings.upload.wrongFile', { name: item.fileName, size: formatBytes(item.size) })}
        </Alert>
      )}
      {item.failure?.kind === 'file' && <Alert tone="warning" data-testid="upload-error">{t('recordings.upload.fileUnreadable')}</Alert>}
      {item.phase === 'failed' && item.failure?.kind === 'api' && (
        <Alert tone="danger" data-testid="upload-error">{errorMessage(item.failure.error.code)}</Alert>
      )}
      {item.phase === 'done' && (
        <Notice data-testid="upload-done">{t('recordings.upload.done')}</Notice>
      )}
      {item.phase === 'done' && faststart === false && (
        <Alert tone="warning" data-testid="faststart-warning">{t('recordings.file.faststart')}</Alert>
      )}

      <div className="upload__actions">
        {item.phase === 'uploading' && <Button variant="secondary" onClick={() => store.pause(item.key)}>{t('recordings.upload.pause')}</Button>}
        {item.phase === 'paused' && <Button onClick={() => store.resume(item.key)}>{t('recordings.upload.resume')}</Button>}
        {item.phase === 'waiting' && <Button variant="secondary" onClick={() => store.resume(item.key)}>{t('recordings.upload.retryNow')}</Button>}
        {item.phase === 'interrupted' && (
          <>
            <Button onClick={() => resumeInput.current?.click()}>{t('recordings.upload.resumeAfterReload')}</Button>
            <input ref={resumeInput} className="visually-hidden" type="file" accept={acceptVideo} tabIndex={-1}
              aria-label={t('recordings.upload.resumeFileLabel', { name: item.fileName })}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) store.resumeWithFile(item.key, file);
              }} />
          </>
        )}
        {active && item.phase !== 'processing' && (
          <Button variant="link" aria-label={t('recordings.upload.cancelLabel', { name: item.fileName })} onClick={onCancel}>
            {t('recordings.upload.cancel')}
          </Button>
        )}
        {(item.phase === 'done' || item.phase === 'failed') && (
          <Button variant="link" onClick={() => store.dismiss(item.key)}>{t('recordings.upload.dismiss')}</Button>
        )}
      </div>
    </li>
  );
}
