/**
 * Who is here and how each person watches: an avatar in their colour with "kijkt mee",
 * "zelfstandig" or "buffert". Keeps the test hooks of the earlier presence list (presence,
 * presence-item, data-name/-self/-role) and adds data-state and data-mode.
 */
import type { RoomParticipant } from '../../collab/playback.ts';
import { initials } from '../../player/Timeline.tsx';
import { useKindT } from '../cycles/kind.ts';

export function PresenceBar({ participants }: { participants: readonly RoomParticipant[] }) {
  const t = useKindT();
  return (
    <div className="presence-bar">
      <h2 className="visually-hidden" id="presence-heading">{t('presence.heading')}</h2>
      <ul className="presence presence--room" data-testid="presence" aria-labelledby="presence-heading">
        {participants.map((p) => {
          const name = p.name === '' ? t('presence.unknown') : p.name;
          const state = p.playback?.state ?? 'none';
          return (
            <li
              key={p.clientId}
              className="presence__item"
              data-testid="presence-item"
              data-self={String(p.isSelf)}
              data-name={p.name}
              data-role={p.role ?? ''}
              data-state={state}
              data-mode={p.playback?.mode ?? ''}
            >
              <span className="avatar" style={{ backgroundColor: p.color }} aria-hidden="true">{initials(name)}</span>
              <span className="presence__text">
                <span className="presence__name">{p.isSelf ? t('presence.you', { name }) : name}</span>
                {p.role && <span className="presence__role">{t(`role.${p.role}`)}</span>}
                <span className={`presence__state presence__state--${state}`} data-testid="presence-state">{t(`presence.state.${state}`)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
