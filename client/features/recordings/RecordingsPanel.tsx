import { useEffect, useRef, useState } from 'react';
import type { CycleRole } from '../../../shared/domain/access.ts';
import { cycleDocName } from '../../../shared/domain/access.ts';
import { docKeys, settingsKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import { closeCodes } from '../../../shared/errors/index.ts';
import { fetchRecordings, type Recording, type Recordings } from '../../api/media.ts';
import { useResource } from '../../api/useResource.ts';
import { useCollabSession } from '../../collab/index.ts';
import { Alert, Button, Notice } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { RecordingCard } from './RecordingCard.tsx';
import { UploadSection } from './UploadSection.tsx';
import { uploadsOf } from './uploads.ts';
import './recordings.css';
import { useKindT } from '../cycles/kind.ts';

/**
 * "Opnames en toestemming": the recordings of a cycle. Every member sees each recording, its
 * files and whether they may play it (and if not, why, in the words of the consent catalogue);
 * the owner uploads (resumable), records the client's consent per use, sees its history and
 * withdraws it. When consent changes the server closes our collaboration socket with
 * `consent_changed` and cuts running streams; we then re-read the list at once, so the screen
 * explains why playback stopped.
 */
export function RecordingsPanel({ cycleId, role }: { cycleId: string; role: CycleRole }) {
  const t = useKindT();
  const [resource, { reload, set }] = useResource(() => fetchRecordings(cycleId), `recordings:${cycleId}:${role}`);
  const [consentNotice, setConsentNotice] = useState(false);
  const isOwner = role === 'owner';
  const uploads = uploadsOf(cycleId);

  useRefetchSignals(cycleId, reload, () => {
    setConsentNotice(true);
    reload();
  });
  // A finished, refused or cancelled upload changed the server's list.
  useEffect(() => uploads.onSettled(reload), [uploads, reload]);
  // Unfinished uploads of an earlier page are checked against what the server still has.
  const data = resource.status === 'ready' ? resource.data : null;
  useEffect(() => {
    if (isOwner && data !== null) {
      uploads.reconcile(data.recordings.flatMap((r) => r.media.map((file) => ({ file, label: r.label, recordingId: r.id }))));
    }
  }, [isOwner, data, uploads]);

  const replace = (recording: Recording): void =>
    set((current: Recordings): Recordings => ({
      ...current,
      recordings: current.recordings.map((r) => (r.id === recording.id ? recording : r)),
    }));

  return (
    <section className="panel recordings" aria-labelledby="recordings-heading" data-testid="recordings"
      data-state={resource.status}>
      <h2 className="panel__title" id="recordings-heading">{t('recordings.heading')}</h2>
      <p className="recordings__intro">{t('recordings.intro')}</p>
      {consentNotice && <Notice data-testid="consent-changed">{t('recordings.consentChanged')}</Notice>}
      {resource.status === 'loading' && <p className="page__loading" aria-busy="true">{t('recordings.loading')}</p>}
      {resource.status === 'error' && (
        <Alert tone="danger">
          <p>{errorMessage(resource.error.code)}</p>
          <p><Button variant="secondary" onClick={reload}>{t('common.retry')}</Button></p>
        </Alert>
      )}
      {isOwner && data !== null && <UploadSection store={uploads} recordings={data} />}
      {data !== null && (
        data.recordings.length === 0
          ? <p className="empty" data-testid="recordings-empty">{t(isOwner ? 'recordings.emptyOwner' : 'recordings.empty')}</p>
          : (
            <ol className="recordings__list" aria-label={t('recordings.listLabel')}>
              {data.recordings.map((recording) => (
                <RecordingCard key={recording.id} cycleId={cycleId} recording={recording} isOwner={isOwner}
                  onChange={replace} onReload={reload} />
              ))}
            </ol>
          )
      )}
    </section>
  );
}

/**
 * Re-reads the list when it may have changed elsewhere: the server bumped
 * `settings.consentVersion` (consent changed, an upload finished, a file was erased), our
 * collaboration socket was closed with `consent_changed` (immediately), the socket reconnected
 * after an interruption, or the person comes back to this browser tab.
 */
function useRefetchSignals(cycleId: string, reload: () => void, onConsentChanged: () => void): void {
  const session = useCollabSession(cycleDocName(cycleId));
  const consentChanged = useRef(onConsentChanged);
  useEffect(() => {
    consentChanged.current = onConsentChanged;
  });

  useEffect(() => {
    if (session === null) return;
    const onClose = (event: CloseEvent | null): void => {
      if (event !== null && event.code === closeCodes.consentChanged) consentChanged.current();
    };
    session.provider.on('connection-close', onClose);
    let wasConnected = session.getState().status === 'connected';
    let lostConnection = false;
    const unsubscribe = session.subscribeState(() => {
      const connected = session.getState().status === 'connected';
      if (!connected && wasConnected) lostConnection = true;
      if (connected && lostConnection) {
        lostConnection = false;
        reload();
      }
      wasConnected = connected;
    });
    return () => {
      session.provider.off('connection-close', onClose);
      unsubscribe();
    };
  }, [session, reload]);

  useEffect(() => {
    if (session === null) return;
    const settings = session.doc.getMap<unknown>(docKeys.settings);
    let seen = settings.get(settingsKeys.consentVersion);
    const onChange = (): void => {
      const version = settings.get(settingsKeys.consentVersion);
      if (version === seen) return;
      seen = version;
      reload();
    };
    settings.observe(onChange);
    return () => settings.unobserve(onChange);
  }, [session, reload]);

  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', reload);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);
}
