/**
 * "Vorige cyclus met deze cliënt" (or "collega") in the new-cycle form: links a follow-up conversation to the
 * cycle before it, so that the next reflection checks last time's intentions and the takeaways
 * add up on the leeragenda. Only the person's own cycles can be chosen (the server checks too).
 */
import type { CycleSummary } from '../../../shared/domain/access.ts';
import type { CycleKind } from '../../../shared/domain/cycle-kinds.ts';
import { Field } from '../../ui/primitives.tsx';
import { kindT } from '../cycles/kind.ts';

export function PreviousCycleField({ kind, cycles, value, onChange }: {
  /** The kind chosen in the form: "met deze cliënt" or "met deze collega" (KIND-3). */
  kind: CycleKind;
  cycles: readonly CycleSummary[];
  value: string;
  /** The chosen cycle (or null for none). */
  onChange: (cycle: CycleSummary | null) => void;
}) {
  const t = kindT(kind);
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
