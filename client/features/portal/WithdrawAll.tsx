import { useId, useState } from 'react';
import type { ErasureScope } from '../../../shared/portal/protocol.ts';
import { Button, ConfirmDialog } from '../../ui/primitives.tsx';

export const scopeText: Record<ErasureScope, { label: string; hint: string }> = {
  media: {
    label: 'Wis de opname. De aantekeningen mogen blijven, zonder beeld en geluid.',
    hint: 'Wat er over het gesprek is opgeschreven, blijft bestaan.',
  },
  everything: {
    label: 'Wis de opname én alles waarin ik word geciteerd.',
    hint: 'Ook de uitgeschreven tekst, het interview met u, de teksten van aantekeningen, de namen van fragmenten, de punten op de agenda en de stukken in het verslag over de opname worden gewist. Alleen tijdstippen en thema’s blijven.',
  },
};

/** Complete withdrawal with the client's choice of what goes with the media (PORTAL-6). */
export function WithdrawAll({ busy, onConfirm }: { busy: boolean; onConfirm: (scope: ErasureScope) => Promise<void> }) {
  const [scope, setScope] = useState<ErasureScope>('media');
  const [open, setOpen] = useState(false);
  const name = useId();
  return (
    <section aria-labelledby="portal-all" className="portal__section">
      <h2 id="portal-all" className="portal__heading">Alles intrekken</h2>
      <p>Trekt u alles in, dan kijkt niemand meer en wissen we de opname meteen. Dit kan niet ongedaan worden gemaakt. U krijgt een bewijs.</p>
      <fieldset className="portal__choice">
        <legend>Wat moet er nog meer gebeuren?</legend>
        {(Object.keys(scopeText) as ErasureScope[]).map((s) => (
          <div key={s} className="portal__radio">
            <input type="radio" id={`${name}-${s}`} name={name} value={s} checked={scope === s} onChange={() => setScope(s)}
              aria-describedby={`${name}-${s}-hint`} data-testid={`scope-${s}`} />
            <label htmlFor={`${name}-${s}`}>{scopeText[s].label}</label>
            <p className="portal__small" id={`${name}-${s}-hint`}>{scopeText[s].hint}</p>
          </div>
        ))}
      </fieldset>
      <Button variant="danger" onClick={() => setOpen(true)} data-testid="withdraw-all">Alles intrekken en wissen</Button>
      <ConfirmDialog
        open={open}
        title="Alles intrekken en wissen?"
        body={<p>{scopeText[scope].label} Dit gaat meteen in en kan niet ongedaan worden gemaakt.</p>}
        confirmLabel="Ja, alles wissen"
        cancelLabel="Annuleren"
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={() => void onConfirm(scope).finally(() => setOpen(false))}
      />
    </section>
  );
}
