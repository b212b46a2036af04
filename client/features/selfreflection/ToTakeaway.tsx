/**
 * One action from a self-reflection to an aandachtspunt of the cycle, which the leeragenda then
 * lists (SELF-2). Offered only when the rule table lets this person add takeaways.
 */
import { useState } from 'react';
import { t } from '../../ui/i18n/nl.ts';

export function ToTakeaway({ text, onTakeaway, existing }: { text: string; onTakeaway: (text: string) => boolean; existing: readonly string[] }) {
  const [done, setDone] = useState(false);
  const clean = text.trim();
  if (clean === '') return null;
  if (done || existing.includes(clean)) return <span className="badge badge--positive" data-testid="to-takeaway-done">{t('self.takeawayDone')}</span>;
  return (
    <button type="button" className="button button--secondary" data-testid="to-takeaway" onClick={() => setDone(onTakeaway(clean) || existing.includes(clean))}>
      {t('self.toTakeaway')}
    </button>
  );
}
