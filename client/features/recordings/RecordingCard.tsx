import { useState } from 'react';
import { consentUses, type ConsentEvent, type ConsentUse } from '../../../shared/domain/consent.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { consentFormUrl, fetchConsentHistory, withdrawConsent, type MediaFile, type Recording } from '../../api/media.ts';
import { useResource } from '../../api/useResource.ts';
import { Alert, Button, ConfirmDialog, Notice, StatusPill } from '../../ui/primitives.tsx';
import { errorMessage, t, type MessageKey } from '../../ui/i18n/nl.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { ConsentForm } from './ConsentForm.tsx';
import { useCycleKind, useKindProfile, useKindT } from '../cycles/kind.ts';
import { EraseScopeChoice } from './EraseScopeChoice.tsx';
import type { ErasureScope } from '../../../shared/portal/protocol.ts';
import { ConsentHistory } from './ConsentHistory.tsx';
import { consentUseLabel, formatBytes, formatDate, formatDuration, formatIsoDate, playRefusal } from './format.ts';

/** One recording: its files, whether I may play it (and why not), its consent and, for the owner, the controls. */
export function RecordingCard({ cycleId, recording, isOwner, onChange, onReload }: {
  cycleId: string;
  recording: Recording;
  isOwner: boolean;
  onChange: (recording: Recording) => void;
  onReload: () => void;
}) {
  const t = useKindT();
  const cycleKind = useCycleKind();
  const [openFileId, setOpenFileId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const titleId = `recording-${recording.id}`;
  const refusal = playRefusal(recording);
  const mayPlay = recording.play.allowed;
  // Re-read the history whenever the consent changed.
  const revision = JSON.stringify([recording.erased, recording.consent]);

  return (
    <li className="recording" data-testid="recording" data-label={recording.label} data-erased={String(recording.erased)}
      data-may-play={String(mayPlay)} data-consent={recording.consent === null ? 'none' : 'recorded'} aria-labelledby={titleId}>
      <div className="recording__head">
        <h3 className="recording__title" id={titleId}>{recording.label}</h3>
        <span className="recording__pills">
          {recording.erased
            ? <StatusPill tone="danger">{t('recordings.pill.erased')}</StatusPill>
            : recording.consent === null
              ? <StatusPill tone="warning" data-testid="consent-pill">{t('recordings.pill.noConsent')}</StatusPill>
              : recording.consent.scanMissing
                ? <StatusPill tone="warning" data-testid="consent-pill" data-scan="missing">{t('recordings.pill.noScan')}</StatusPill>
                : <StatusPill tone="positive" data-testid="consent-pill">{t('recordings.pill.consent')}</StatusPill>}
          {!recording.erased && (mayPlay
            ? <StatusPill tone="positive">{t('recordings.pill.mayPlay')}</StatusPill>
            : <StatusPill tone="neutral">{t('recordings.pill.mayNotPlay')}</StatusPill>)}
        </span>
      </div>

      {openFileId !== null && !mayPlay && refusal !== null && (
        <Alert tone="warning" data-testid="playback-stopped">
          <strong>{t('recordings.playbackStopped')}</strong> {refusal}
        </Alert>
      )}

      {recording.erased
        ? <ErasedNote cycleId={cycleId} recording={recording} isOwner={isOwner} revision={revision} />
        : (
          <>
            {isOwner && recording.consent === null && (
              <Alert tone="warning" data-testid="owner-only-note">{t('recordings.ownerOnlyUntilConsent')}</Alert>
            )}
            {isOwner && recording.consent?.scanMissing === true && (
              <Alert tone="warning" data-testid="owner-only-note">{t('recordings.ownerOnlyUntilScan')}</Alert>
            )}
            {refusal !== null && openFileId === null && (
              <p className="recording__refusal" data-testid="play-refusal">{refusal}</p>
            )}
            <FileList recording={recording} mayPlay={mayPlay} openFileId={openFileId} onOpen={setOpenFileId} onReload={onReload} />
            {recording.consent !== null && <ConsentSummary cycleId={cycleId} recording={recording} isOwner={isOwner} />}
          </>
        )}

      {notice !== null && <Notice data-testid="recording-notice">{notice}</Notice>}

      {isOwner && !recording.erased && (
        editing
          ? (
            <ConsentForm cycleId={cycleId} recording={recording}
              onSaved={(saved, scanFailure) => {
                onChange(saved);
                setEditing(false);
                setNotice(scanFailure === null
                  ? t('recordings.consent.saved')
                  : t('recordings.consent.savedScanFailed', { reason: errorMessage(scanFailure) }));
                onReload();
              }}
              onClose={() => setEditing(false)} />
          )
          : (
            <div className="recording__actions">
              <Button variant={recording.consent === null ? 'primary' : 'secondary'}
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}>
                {t(recording.consent === null ? 'recordings.consent.record' : 'recordings.consent.edit')}
              </Button>
              {/* The client's form and folder with a new personal code (FORM-1). */}
              <Link href={paths.clientForm(cycleId, recording.id)} data-testid="client-form-link">{t('recordings.clientForm')}</Link>
            </div>
          )
      )}

      {isOwner && (
        <div className="recording__history">
          <Button variant="link" aria-expanded={String(showHistory)} onClick={() => setShowHistory((v) => !v)}>
            {t(showHistory ? 'recordings.history.hide' : 'recordings.history.show')}
          </Button>
          {showHistory && <ConsentHistory cycleId={cycleId} recording={recording} revision={revision} />}
        </div>
      )}

      {isOwner && !recording.erased && (
        <WithdrawControls cycleId={cycleId} recording={recording}
          onWithdrawn={(next, use) => {
            onChange(next);
            setNotice(use === null ? null : t('recordings.withdraw.done', { use: consentUseLabel(use, cycleKind) }));
            onReload();
          }} />
      )}
    </li>
  );
}

function FileList({ recording, mayPlay, openFileId, onOpen, onReload }: {
  recording: Recording;
  mayPlay: boolean;
  openFileId: string | null;
  onOpen: (id: string | null) => void;
  onReload: () => void;
}) {
  if (recording.media.length === 0) return null;
  return (
    <ol className="recording__files" aria-label={t('recordings.filesLabel', { label: recording.label })}>
      {recording.media.map((file, index) => {
        const n = index + 1;
        const video = file.tracks.find((tr) => tr.kind === 'video');
        const facts = [
          t('recordings.file', { n }),
          ...(file.durationMs !== null ? [t('recordings.file.duration', { duration: formatDuration(file.durationMs) })] : []),
          ...(video?.width && video.height ? [t('recordings.file.resolution', { width: video.width, height: video.height })] : []),
          t('recordings.file.size', { size: formatBytes(file.sizeBytes) }),
        ];
        const playable = mayPlay && file.status === 'ready' && file.streamUrl !== null;
        return (
          <li key={file.id} className="recording__file" data-testid="recording-file" data-media-id={file.id} data-status={file.status}>
            <div className="recording__file-row">
              <span className="recording__facts">{facts.join(' · ')}</span>
              {file.status === 'uploading' && (
                <span className="recording__uploading">
                  {t('recordings.file.uploading', { percent: file.sizeBytes > 0 ? Math.floor((file.uploadedBytes / file.sizeBytes) * 100) : 0 })}
                </span>
              )}
              {playable && (openFileId === file.id
                ? <Button variant="secondary" onClick={() => onOpen(null)}>{t('recordings.hideVideo')}</Button>
                : <Button variant="secondary" aria-label={t('recordings.watchLabel', { label: recording.label, n })}
                    onClick={() => onOpen(file.id)}>{t('recordings.watch')}</Button>)}
            </div>
            {file.faststart === false && (
              <p className="recording__warning" data-testid="faststart-warning">{t('recordings.file.faststart')}</p>
            )}
            {playable && openFileId === file.id && (
              <InlinePlayer file={file} label={t('recordings.videoLabel', { label: recording.label, n })} onReload={onReload} />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A plain inline player: streamed with HTTP Range from the server, never offered as a download
 * (no download control, no context menu, no picture-in-picture).
 */
function InlinePlayer({ file, label, onReload }: { file: MediaFile; label: string; onReload: () => void }) {
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  if (file.streamUrl === null) return null;
  return (
    <div className="recording__player" data-testid="recording-player" data-failed={String(failed)}>
      <video key={attempt} className="recording__video" data-testid="recording-video" data-media-id={file.id}
        src={file.streamUrl} controls controlsList="nodownload noremoteplayback" disablePictureInPicture playsInline
        preload="metadata" aria-label={label}
        onContextMenu={(event) => event.preventDefault()}
        onError={() => {
          setFailed(true);
          // Perhaps the consent changed: the list says why.
          onReload();
        }} />
      {failed && (
        <Alert tone="warning" data-testid="playback-error">
          <p>{t('recordings.playbackError')}</p>
          <p><Button variant="secondary" onClick={() => {
            setFailed(false);
            setAttempt((a) => a + 1);
          }}>{t('common.retry')}</Button></p>
        </Alert>
      )}
    </div>
  );
}

function ConsentSummary({ cycleId, recording, isOwner }: { cycleId: string; recording: Recording; isOwner: boolean }) {
  const t = useKindT();
  const consent = recording.consent;
  const profile = useKindProfile();
  if (consent === null) return null;
  return (
    <div className="consent-summary" data-testid="consent-summary">
      <h4 className="recording__subtitle">{profile.consentHeading}</h4>
      <dl className="consent-summary__uses">
        {consentUses.filter((use) => profile.consentFormLabels[use] !== undefined).map((use) => (
          <div key={use} className="consent-summary__use" data-testid="consent-decision" data-use={use} data-granted={String(consent.decisions[use])}>
            <dt>{profile.consentFormLabels[use]}</dt>
            <dd className={consent.decisions[use] ? 'consent-summary__yes' : 'consent-summary__no'}>
              {t(consent.decisions[use] ? 'recordings.decision.yes' : 'recordings.decision.no')}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="consent-summary__details">
        <div><dt>{t('recordings.consent.date')}</dt><dd>{formatIsoDate(consent.consentDate)}</dd></div>
        {consent.clientSignedOn !== null && consent.managerSignedOn !== null && (
          <div><dt>{t('recordings.consent.signed')}</dt><dd data-testid="consent-signed">{t('recordings.consent.signedDates', {
            client: formatIsoDate(consent.clientSignedOn), manager: formatIsoDate(consent.managerSignedOn),
          })}</dd></div>
        )}
        {isOwner && consent.recordedBy !== undefined && (
          <div><dt>{t('recordings.consent.recordedBy')}</dt><dd>{consent.recordedBy ?? t('common.none')}</dd></div>
        )}
        {isOwner && consent.lawfulBasis !== undefined && (
          <div><dt>{t('recordings.consent.lawfulBasis')}</dt><dd>{consent.lawfulBasis || t('common.none')}</dd></div>
        )}
        <div>
          <dt>{t('recordings.consent.retention')}</dt>
          <dd>{consent.retentionUntil ? t('recordings.consent.retentionNote', { date: formatIsoDate(consent.retentionUntil) }) : t('common.none')}</dd>
        </div>
        {isOwner && consent.hasForm !== undefined && (
          <div>
            <dt>{t('recordings.consent.form')}</dt>
            <dd data-testid="consent-form-scan">
              {consent.hasForm
                ? <a href={consentFormUrl(cycleId, recording.id)} target="_blank" rel="noopener noreferrer">{t('recordings.consent.formView')}</a>
                : t('recordings.consent.formNone')}
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** When and why the recording was erased; the owner's history says, or the server when it tells. */
function ErasedNote({ cycleId, recording, isOwner, revision }: { cycleId: string; recording: Recording; isOwner: boolean; revision: string }) {
  const [history] = useResource<ConsentEvent[]>(
    () => (isOwner ? fetchConsentHistory(cycleId, recording.id) : Promise.resolve([])),
    `erased:${recording.id}:${isOwner}:${revision}`,
  );
  let text = t('recordings.erased.noDate');
  const fromServer = recording.erasedAt ?? null;
  const events = history.status === 'ready' ? history.data : [];
  const erasedIndex = events.findLastIndex((e) => e.kind === 'erased');
  const erasedEvent = erasedIndex >= 0 ? events[erasedIndex]! : null;
  const at = fromServer ?? erasedEvent?.at ?? null;
  if (at !== null) {
    const reason = recording.erasedReason
      ?? (erasedEvent === null ? null
        : erasedEvent.actorName === null ? 'retention'
          : events[erasedIndex - 1]?.kind === 'withdrawn' ? 'withdrawn' : 'owner_removed');
    const key: MessageKey = reason === 'withdrawn' ? 'recordings.erased.withdrawn'
      : reason === 'retention' ? 'recordings.erased.retention' : 'recordings.erased.removed';
    text = t(key, { date: formatDate(at) });
  }
  return (
    <div className="recording__erased" data-testid="erased-note">
      <p className="recording__erased-title">{text}</p>
      <p className="recordings__hint">{t('recordings.erased.keeps')}</p>
    </div>
  );
}

type Pending = { kind: 'use'; use: ConsentUse } | { kind: 'all' };

function WithdrawControls({ cycleId, recording, onWithdrawn }: {
  cycleId: string;
  recording: Recording;
  onWithdrawn: (recording: Recording, use: ConsentUse | null) => void;
}) {
  const t = useKindT();
  const cycleKind = useCycleKind();
  const [pending, setPending] = useState<Pending | null>(null);
  const [scope, setScope] = useState<ErasureScope>('media');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const consent = recording.consent;
  const granted = consent === null ? [] : consentUses.filter((u) => consent.decisions[u]);

  const confirm = async (): Promise<void> => {
    if (pending === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const next = await withdrawConsent(cycleId, recording.id, pending.kind === 'all' ? { all: true, scope } : { uses: [pending.use] });
      setPending(null);
      onWithdrawn(next, pending.kind === 'use' ? pending.use : null);
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  const all = pending?.kind === 'all';
  return (
    <div className="withdraw" data-testid="withdraw">
      <h4 className="recording__subtitle">{t('recordings.withdraw.heading')}</h4>
      <p className="recordings__hint">{t('recordings.withdraw.intro')}</p>
      <div className="withdraw__actions">
        {granted.map((use) => (
          <Button key={use} variant="secondary" onClick={() => setPending({ kind: 'use', use })}>
            {t('recordings.withdraw.use', { use: consentUseLabel(use, cycleKind) })}
          </Button>
        ))}
        <Button variant="danger" onClick={() => setPending({ kind: 'all' })}>
          {t(consent === null ? 'recordings.withdraw.erase' : 'recordings.withdraw.all')}
        </Button>
      </div>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <ConfirmDialog
        open={pending !== null}
        title={all
          ? t(consent === null ? 'recordings.withdraw.eraseTitle' : 'recordings.withdraw.allTitle')
          : t('recordings.withdraw.useTitle', { use: pending?.kind === 'use' ? consentUseLabel(pending.use, cycleKind) : '' })}
        body={all
          ? (
            <>
              <p>{t('recordings.withdraw.allBody', { label: recording.label })}</p>
              <p>{t('recordings.withdraw.allBody2')}</p>
              <EraseScopeChoice value={scope} onChange={setScope} />
            </>
          )
          : <p>{t('recordings.withdraw.useBody')}</p>}
        confirmLabel={all
          ? t(consent === null ? 'recordings.withdraw.eraseConfirm' : 'recordings.withdraw.allConfirm')
          : t('recordings.withdraw.useConfirm')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
