import type { Participant } from '../../collab/index.ts';
import { Swatch } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

/** Everyone with this cycle open right now, each with the colour of their caret and their role. */
export function PresenceList({ participants, labelledBy }: { participants: readonly Participant[]; labelledBy: string }) {
  return (
    <ul className="presence" data-testid="presence" aria-labelledby={labelledBy}>
      {participants.map((p) => {
        const name = p.name === '' ? t('presence.unknown') : p.name;
        return (
          <li
            key={p.clientId}
            className="presence__item"
            data-testid="presence-item"
            data-self={String(p.isSelf)}
            data-name={p.name}
            data-role={p.role ?? ''}
          >
            <Swatch color={p.color} />
            <span className="presence__text">
              <span className="presence__name">{p.isSelf ? t('presence.you', { name }) : name}</span>
              {p.role && <span className="presence__role">{t(`role.${p.role}`)}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
