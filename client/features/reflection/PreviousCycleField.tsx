/**
 * "Vorige cyclus met deze cliënt" in the new-cycle form: links a follow-up conversation to the
 * cycle before it, so that the next reflection checks last time's intentions and the takeaways
 * add up on the leeragenda. Only the person's own cycles can be chosen (the server checks too).
 */
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { Field } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

export function PreviousCycleField({ cycles, value, onChange }: {
  cycles: readonly CycleSummary[];
  value: string;
  /** The chosen cycle (or null for none). */
  onChange: (cycle: CycleSummary | null) => void;
}) {
  const own = cycles.filter((c) => c.myRole === 'owner').sort((a, b) => b.createdAt - a.createdAt);
  if (own.length === 0) return null;
  return (
    <Field label={t('newCycle.previous')} hint={t('newCycle.previousHint')}>
      {(props) => (
        <select {...props} className="field__input" name="previousCycleId" value={value} data-testid="new-cycle-previous"
          onChange={(event) => onChange(own.find((c) => c.id === event.target.value) ?? null)}>
          <option value="">{t('newCycle.previousNone')}</option>
          {own.map((c) => <option key={c.id} value={c.id}>{c.counterpart ? `${c.title} (${c.counterpart})` : c.title}</option>)}
        </select>
      )}
    </Field>
  );
}
