import { useState, type FormEvent } from 'react';
import type { Member } from '../../../shared/domain/access.ts';
import { auditActionIds } from '../../../shared/domain/audit.ts';
import type { AccessLogQuery } from '../../../shared/protocol/http.ts';
import { Button } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

export interface LogFilters {
  person: string;
  action: string;
  /** Calendar days as the date inputs give them (jjjj-mm-dd), empty when not set. */
  from: string;
  to: string;
}

export const noFilters: LogFilters = { person: '', action: '', from: '', to: '' };

const startOfDay = (day: string): number => new Date(`${day}T00:00:00`).getTime();

/** The filters as the server takes them: the period from the first day's start to the end of the last. */
export function toQuery(f: LogFilters, page: number): AccessLogQuery {
  return {
    ...(f.person ? { person: f.person } : {}),
    ...(f.action ? { action: f.action as AccessLogQuery['action'] } : {}),
    ...(f.from ? { from: startOfDay(f.from) } : {}),
    ...(f.to ? { to: startOfDay(f.to) + 24 * 3_600_000 } : {}),
    page,
  };
}

/** Person, action and period; applied on "Filteren" so that each change is not a request. */
export function AccessLogFilters({ members, value, onApply }: { members: readonly Member[]; value: LogFilters; onApply: (f: LogFilters) => void }) {
  const [draft, setDraft] = useState<LogFilters>(value);
  const set = (key: keyof LogFilters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('access.filter.label')} data-testid="access-filters">
      <label className="filters__field">
        <span>{t('access.filter.person')}</span>
        <select className="field__input" name="person" value={draft.person} onChange={set('person')}>
          <option value="">{t('access.filter.everyone')}</option>
          {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
        </select>
      </label>
      <label className="filters__field">
        <span>{t('access.filter.action')}</span>
        <select className="field__input" name="action" value={draft.action} onChange={set('action')}>
          <option value="">{t('access.filter.allActions')}</option>
          {auditActionIds.map((a) => <option key={a} value={a}>{t(`access.action.${a}`)}</option>)}
        </select>
      </label>
      <label className="filters__field">
        <span>{t('access.filter.from')}</span>
        <input className="field__input" type="date" name="from" value={draft.from} onChange={set('from')} />
      </label>
      <label className="filters__field">
        <span>{t('access.filter.to')}</span>
        <input className="field__input" type="date" name="to" value={draft.to} onChange={set('to')} />
      </label>
      <div className="filters__actions">
        <Button type="submit">{t('access.filter.apply')}</Button>
        <Button variant="secondary" onClick={() => { setDraft(noFilters); onApply(noFilters); }}>{t('access.filter.reset')}</Button>
      </div>
    </form>
  );
}
