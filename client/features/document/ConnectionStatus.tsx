import { useConnectionState, type CollabSession, type ConnectionState, type ConnectionStatus as Status } from '../../collab/index.ts';
import { Alert, StatusPill, type Tone } from '../../ui/primitives.tsx';
import { t, type MessageKey } from '../../ui/i18n/nl.ts';
import { refusalLabel, refusalMessage } from './refusal.ts';

const labels: Record<Exclude<Status, 'refused'>, MessageKey> = {
  connecting: 'status.connecting',
  connected: 'status.connected',
  reconnecting: 'status.reconnecting',
  offline: 'status.offline',
};

const tones: Record<Status, Tone> = {
  connecting: 'neutral',
  connected: 'positive',
  reconnecting: 'warning',
  offline: 'warning',
  refused: 'danger',
};

/**
 * The visible connection state. `data-status` and `data-synced` are the signals tests (and
 * anyone debugging) wait on; role=status makes screen readers announce changes politely. When
 * the server stopped the connection for good, the pill says so in short and its title carries
 * the catalogue's message (the banner `ConnectionRefused` says it in full).
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const refused = state.status === 'refused';
  return (
    <div
      className="connection-status"
      role="status"
      data-testid="connection-status"
      data-status={state.status}
      data-synced={String(state.synced)}
      data-code={state.errorCode ?? ''}
      title={refused ? refusalMessage(state.errorCode) : t('status.label')}
    >
      <StatusPill tone={tones[state.status]}>{t(refused ? refusalLabel(state.errorCode) : labels[state.status])}</StatusPill>
    </div>
  );
}

/**
 * Shown above the room, whatever tab is open, once the server stopped the cycle's connection for
 * good (no access, a refused change, a limit): the catalogue's Dutch message and a way out. The
 * session does not reconnect by itself after such a close (`permanentCloseCodes`), so nothing is
 * sent again until the page is opened anew.
 */
export function ConnectionRefused({ state }: { state: ConnectionState }) {
  if (state.status !== 'refused') return null;
  return (
    <Alert tone="danger" data-testid="connection-refused" data-code={state.errorCode ?? ''}>
      <p><strong>{t('connection.refusedHeading')}</strong></p>
      <p data-testid="connection-refused-message">{refusalMessage(state.errorCode)}</p>
      <p>{t('connection.refusedReadOnly')}</p>
      {state.errorCode !== 'unauthenticated' && (
        <p>
          <button type="button" className="button button--secondary" data-testid="connection-reload" onClick={() => window.location.reload()}>
            {t('connection.reload')}
          </button>
        </p>
      )}
    </Alert>
  );
}

/** `ConnectionRefused` for a session: the page puts it above everything of the cycle. */
export function SessionRefused({ session }: { session: CollabSession }) {
  return <ConnectionRefused state={useConnectionState(session)} />;
}
