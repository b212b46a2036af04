/**
 * The room's shared options under the transport bar: back to the group after "zelfstandig",
 * "wacht op iedereen" and the presenter lock. The lock and "wacht op iedereen" are room settings
 * only the klantmanager and the researchers may change (the rule table, `settings`); the others
 * see the state without a control.
 */
import type { PublicUser } from '../../../shared/domain/access.ts';
import type { FollowMode, RoomSettings } from '../../../shared/playback/room.ts';
import { t } from '../../ui/i18n/nl.ts';

export function RoomOptions({ settings, user, mode, mayPresent, mayWaitForAll, onMode, onSettings }: {
  settings: RoomSettings;
  user: Pick<PublicUser, 'id' | 'name'>;
  mode: FollowMode;
  /** May change the presenter lock (take it, give it up, lift someone else's). */
  mayPresent: boolean;
  mayWaitForAll: boolean;
  onMode: (mode: FollowMode) => void;
  onSettings: (patch: Partial<RoomSettings>) => void;
}) {
  const presenter = settings.presenter;
  return (
    <div className="room__options">
      {mode === 'zelfstandig' && (
        <button type="button" className="button button--primary" data-testid="rejoin" onClick={() => onMode('volgen')}>{t('player.rejoin')}</button>
      )}
      <label className="room__check" title={t('player.waitForAllHint')}>
        <input type="checkbox" data-testid="wait-for-all" checked={settings.waitForAll} disabled={!mayWaitForAll}
          onChange={(event) => mayWaitForAll && onSettings({ waitForAll: event.target.checked })} />
        {t('player.waitForAll')}
      </label>
      {mayPresent && presenter === null && (
        <button type="button" className="button button--secondary" data-testid="presenter-toggle" onClick={() => onSettings({ presenter: user.id, presenterName: user.name })}>{t('player.present')}</button>
      )}
      {mayPresent && presenter !== null && (
        <button type="button" className="button button--secondary" data-testid="presenter-toggle" onClick={() => onSettings({ presenter: null, presenterName: '' })}>
          {presenter === user.id ? t('player.stopPresenting') : t('player.takeOver')}
        </button>
      )}
    </div>
  );
}
