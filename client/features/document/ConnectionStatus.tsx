import type { ConnectionState, ConnectionStatus as Status } from '../../collab/index.ts';
import { StatusPill, type Tone } from '../../ui/primitives.tsx';
import { t, type MessageKey } from '../../ui/i18n/nl.ts';

const labels: Record<Status, MessageKey> = {
  connecting: 'status.connecting',
  connected: 'status.connected',
  reconnecting: 'status.reconnecting',
  offline: 'status.offline',
  refused: 'status.refused',
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
 * anyone debugging) wait on; role=status makes screen readers announce changes politely.
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <div
      className="connection-status"
      role="status"
      data-testid="connection-status"
      data-status={state.status}
      data-synced={String(state.synced)}
      title={t('status.label')}
    >
      <StatusPill tone={tones[state.status]}>{t(labels[state.status])}</StatusPill>
    </div>
  );
}
