/**
 * "Mijn laag": the analyst's private observations. Everyone analyses on their own first
 * ("afzonderlijk van elkaar"), so nobody anchors on someone else; publishing copies the layer into
 * the shared cycle (in blind intervision it waits for the facilitator's reveal).
 */
import { useState } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { addObservation, deleteObservation, observationsOf, updateObservation, type Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { publishLayer, type IntervisionState } from '../../api/analysis.ts';
import { isApiError } from '../../api/index.ts';
import { useConnectionState } from '../../collab/index.ts';
import type { CollabSession } from '../../collab/session.ts';
import { Alert, Button, Notice } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import type { Draft } from './AnalysisPanel.tsx';
import { useObservationList, usePublishMarkers } from './docs.ts';
import { applyFilter, observationMarkers, unpublished, type ObservationFilter } from './model.ts';
import { ObservationForm } from './ObservationForm.tsx';
import type { ObservationActions } from './ObservationItem.tsx';
import { ObservationList } from './ObservationList.tsx';

export function LayerView({ layer, cycleId, user, published, intervision, isColleague, draft, onDraft, onMark, filter, onFilter, actions, markersEnabled, mediaId, onPublished }: {
  layer: CollabSession;
  cycleId: string;
  user: PublicUser;
  /** What the shared cycle already holds of my layer. */
  published: readonly Observation[];
  intervision: IntervisionState | null;
  isColleague: boolean;
  draft: Draft | null;
  onDraft: (draft: Draft | null) => void;
  /** "Observatie op dit moment": a draft at the video's current moment. */
  onMark: () => void;
  filter: ObservationFilter;
  onFilter: (next: ObservationFilter) => void;
  actions: Pick<ObservationActions, 'onSeek' | 'position'>;
  /** Show what this list shows as markers on the room's timeline. */
  markersEnabled: boolean;
  mediaId: string | null;
  onPublished: () => void;
}) {
  const connection = useConnectionState(layer);
  const mine = useObservationList(layer);
  const map = observationsOf(layer.doc);
  const pending = unpublished(mine, published);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // Publishing cannot be undone (everyone sees the observations with the author's name): asked first.
  const [confirming, setConfirming] = useState(false);
  usePublishMarkers(cycleId, observationMarkers(applyFilter(mine, filter), mediaId, 'l', t('timeline.observation')), markersEnabled);
  const blindWait = isColleague && intervision !== null && intervision.blind && intervision.revealedAt === null;

  const publish = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setResult(null);
    try {
      const r = await publishLayer(cycleId);
      setResult({ tone: 'ok', text: r.waitingForReveal ? t('analysis.layer.waitingForReveal') : t('analysis.layer.published', { n: r.published }) });
      onPublished();
    } catch (error) {
      setResult({ tone: 'error', text: errorMessage(isApiError(error) ? error.code : 'unexpected_response') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="analysis-view" data-testid="layer-view">
      <p className="analysis-view__intro">{t(isColleague ? 'analysis.layer.introColleague' : 'analysis.layer.intro')}</p>
      <p className="layer-status" data-testid="layer-status" data-status={connection.status} data-synced={String(connection.synced)} role="status">
        {t(`analysis.layer.status.${connection.status}`)}
      </p>
      {connection.status === 'refused' && connection.errorCode !== null && (
        <Alert tone="danger" data-testid="layer-refused">{errorMessage(connection.errorCode)}</Alert>
      )}

      {draft === null && (
        <div className="analysis-view__bar">
          <Button variant="primary" data-testid="observation-mark" aria-keyshortcuts="M" onClick={onMark} disabled={connection.status === 'refused'}>
            {t('analysis.layer.mark')}
          </Button>
          <span className="analysis-view__hint">{t('analysis.layer.markHint')}</span>
        </div>
      )}
      {draft !== null && (
        <ObservationForm
          key={draft.key}
          initial={draft}
          heading={t('analysis.form.newHeading', { time: formatTime(draft.start) })}
          position={actions.position}
          onSave={(values) => {
            addObservation(map, { ...values, mediaId: draft.mediaId, author: user.id, authorName: user.name });
            onDraft(null);
          }}
          onCancel={() => onDraft(null)}
        />
      )}

      <div className="publish-bar" data-testid="publish-bar" data-pending={pending.length} data-total={mine.length}>
        <p className="publish-bar__text">
          {mine.length === 0
            ? t('analysis.layer.nothingYet')
            : pending.length === 0
              ? t('analysis.layer.allPublished', { n: mine.length })
              : t('analysis.layer.pending', { n: pending.length, total: mine.length })}
        </p>
        {!confirming && (
          <Button variant="secondary" data-testid="layer-publish" busy={busy} disabled={pending.length === 0 && !blindWait} onClick={() => setConfirming(true)}>
            {blindWait ? t('analysis.layer.ready') : t('analysis.layer.publish')}
          </Button>
        )}
        {confirming && (
          <div className="publish-bar__confirm" role="group" aria-labelledby="publish-confirm-text" data-testid="publish-confirm">
            <p id="publish-confirm-text">{t(blindWait ? 'analysis.layer.confirmReady' : 'analysis.layer.confirmPublish', { n: pending.length })}</p>
            <Button variant="primary" data-testid="publish-confirm-yes" onClick={() => void publish()}>{t(blindWait ? 'analysis.layer.ready' : 'analysis.layer.publish')}</Button>
            <Button variant="secondary" data-testid="publish-confirm-no" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          </div>
        )}
        <p className="field__hint">{t(blindWait ? 'analysis.layer.blindHint' : 'analysis.layer.publishHint')}</p>
      </div>
      {result?.tone === 'ok' && <Notice data-testid="publish-result">{result.text}</Notice>}
      {result?.tone === 'error' && <Alert tone="danger" data-testid="publish-error">{result.text}</Alert>}

      <ObservationList
        list={mine}
        filter={filter}
        onFilter={onFilter}
        label={t('analysis.layer.listLabel')}
        empty={t('analysis.layer.empty')}
        testId="layer-observations"
        actions={{
          ...actions,
          onEdit: (o, values) => updateObservation(map, o.id, values),
          onDelete: (o) => deleteObservation(map, o.id),
        }}
      />
    </div>
  );
}
