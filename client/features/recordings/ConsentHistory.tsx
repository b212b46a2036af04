import type { ConsentEvent } from '../../../shared/domain/consent.ts';
import { fetchConsentHistory, type Recording } from '../../api/media.ts';
import { useResource } from '../../api/useResource.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { consentUseLabel, formatIsoDate } from './format.ts';
import { useCycleKind, useKindT } from '../cycles/kind.ts';

/** The append-only history of a recording's consent: who, when, and what changed. Owner only. */
export function ConsentHistory({ cycleId, recording, revision }: { cycleId: string; recording: Recording; revision: string }) {
  const t = useKindT();
  const cycleKind = useCycleKind();
  const [history] = useResource(() => fetchConsentHistory(cycleId, recording.id), `history:${recording.id}:${revision}`);
  if (history.status === 'loading') return <p className="page__loading" aria-busy="true">{t('recordings.history.loading')}</p>;
  if (history.status === 'error') return <Alert tone="danger">{errorMessage(history.error.code)}</Alert>;
  if (history.data.length === 0) return <p className="recordings__hint" data-testid="consent-history">{t('recordings.history.empty')}</p>;
  return (
    <ol className="history" data-testid="consent-history" aria-label={t('recordings.history.label', { label: recording.label })}>
      {history.data.map((event, index) => (
        <li key={event.id} className="history__event" data-testid="history-event" data-kind={event.kind}>
          <time className="history__time" dateTime={isoDateTime(event.at)}>{formatDateTime(event.at)}</time>
          <span className="history__what">{describe(event, !history.data.slice(0, index).some((e) => e.kind === 'recorded'))}</span>
          {event.changed.length > 0 && (
            <span className="history__changes">
              {event.changed.map((use) => t('recordings.history.change', {
                use: consentUseLabel(use, cycleKind),
                decision: t(event.decisions[use] ? 'recordings.decision.yes' : 'recordings.decision.no'),
              })).join(' · ')}
            </span>
          )}
          {event.kind === 'recorded' && event.changed.length === 0 && (
            <span className="history__changes">{t('recordings.history.unchanged')}</span>
          )}
          {event.kind === 'recorded' && (
            <span className="history__details">
              {t('recordings.history.details', {
                date: formatIsoDate(event.consentDate),
                by: event.recordedBy ?? t('common.none'),
                until: formatIsoDate(event.retentionUntil),
              })}
              {event.clientSignedOn !== null && event.managerSignedOn !== null && ` · ${t('recordings.history.signed', {
                client: formatIsoDate(event.clientSignedOn), manager: formatIsoDate(event.managerSignedOn),
              })}`}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function describe(event: ConsentEvent, first: boolean): string {
  const who = event.actorName ?? t('recordings.history.someone');
  switch (event.kind) {
    case 'recorded':
      return t(first ? 'recordings.history.recordedFirst' : 'recordings.history.recordedChange', { who });
    case 'withdrawn':
      return t('recordings.history.withdrawn', { who });
    case 'erased':
      return event.actorName === null ? t('recordings.history.erasedAuto') : t('recordings.history.erased', { who });
  }
}
