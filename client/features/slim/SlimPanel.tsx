/**
 * SLIM per conversation (SLIM-1): the author's short overall analysis after the seeds' SLIM —
 * the client's self-image, the professional's role, the intervention logic and the fragments
 * that show it — with the fit from the model and its explanation. Everyone's analysis is shown;
 * each person changes only their own (the rule table's `author`).
 */
import { useId } from 'react';
import type { CycleSummary, PublicUser } from '../../../shared/domain/access.ts';
import { slimOf, slimSummary, slimVerdict, startSlim, updateSlim, type SlimEntry } from '../../../shared/domain/cycle-doc/slim.ts';
import { interventionLogics, roles, selfImages, slimFitLabels, slimQuestions } from '../../../shared/kijkwijzer/slim.ts';
import type { CollabSession } from '../../collab/session.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useMayWrite } from '../access/useMayWrite.ts';
import { saveFragment, useFragments } from '../room/doc.ts';
import { FragmentRangeForm } from '../room/FragmentRangeForm.tsx';
import { useRecordingChoices, useTimeRef } from '../room/mediaLabels.ts';
import { useSlim } from './doc.ts';
import { useKindT } from '../cycles/kind.ts';

export function SlimPanel({ session, cycle, user }: { session: CollabSession; cycle: CycleSummary; user: PublicUser }) {
  const t = useKindT();
  const entries = useSlim(session);
  const may = useMayWrite(session, cycle, user.id);
  const mine = entries.find((e) => e.author === user.id);
  const others = entries.filter((e) => e !== mine);
  return (
    <div className="analysis-view slim" data-testid="slim">
      <p className="analysis-view__intro">{t('slim.intro')}</p>
      <details className="worksheet__questions">
        <summary>{t('slim.questions')}</summary>
        <ul className="guide__list">{slimQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
      </details>
      {mine && may('slim', 'change', { author: mine.author })
        ? <SlimForm session={session} entry={mine} userId={user.id} canAddFragment={may('fragments', 'add')} />
        : !mine && may('slim', 'add') && (
          <button type="button" className="button" data-testid="slim-start" onClick={() => startSlim(slimOf(session.doc), user.id, user.name)}>{t('slim.start')}</button>
        )}
      {others.map((e) => (
        <section key={e.id} className="slim__other" data-testid="slim-entry" data-author={e.author}>
          <h3 className="analysis-section__title">{t('slim.by', { name: e.authorName || t('common.none') })}</h3>
          <p>{slimSummary(e) || t('slim.empty')}</p>
          <Verdict entry={e} />
        </section>
      ))}
      {entries.length === 0 && !may('slim', 'add') && <p className="empty">{t('slim.none')}</p>}
    </div>
  );
}

function Verdict({ entry }: { entry: SlimEntry }) {
  const v = slimVerdict(entry);
  return (
    <div className="slim__verdict" role="status" data-testid="slim-verdict" data-role-fit={v.role} data-logic-fit={v.logic}>
      <p><strong>{t('slim.roleFit')}</strong> {slimFitLabels[v.role]} · <strong>{t('slim.logicFit')}</strong> {slimFitLabels[v.logic]}</p>
      <p>{v.explanation}</p>
    </div>
  );
}

function Choice<T extends string>({ name, legend, options, value, onChange, testId }: {
  name: string;
  legend: string;
  options: readonly { id: T; label: string; hint: string }[];
  value: T | null;
  onChange: (id: T) => void;
  testId: string;
}) {
  return (
    <fieldset className="slim__choice" data-testid={testId}>
      <legend className="field__label">{legend}</legend>
      {options.map((o) => (
        <label key={o.id} className="room__check" title={o.hint}>
          <input type="radio" name={name} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function SlimForm({ session, entry, userId, canAddFragment }: { session: CollabSession; entry: SlimEntry; userId: string; canAddFragment: boolean }) {
  const t = useKindT();
  const id = useId();
  const fragments = useFragments(session);
  const timeRef = useTimeRef();
  const recordings = useRecordingChoices();
  const map = slimOf(session.doc);
  const patch = (p: Parameters<typeof updateSlim>[2]): void => void updateSlim(map, entry.id, p);
  return (
    <>
    <form className="slim__form" data-testid="slim-form" onSubmit={(e) => e.preventDefault()}>
      <Choice name={`${id}-self`} legend={t('slim.selfImage')} testId="slim-self-image" value={entry.selfImage}
        options={selfImages.map((s) => ({ id: s.id, label: s.label, hint: s.description }))} onChange={(selfImage) => patch({ selfImage })} />
      {entry.selfImage === 'anders' && (
        <input className="field__input" aria-label={t('slim.selfImageOther')} value={entry.selfImageOther} maxLength={1_000}
          onChange={(e) => patch({ selfImageOther: e.target.value })} />
      )}
      <Choice name={`${id}-role`} legend={t('slim.role')} testId="slim-role" value={entry.role}
        options={roles.map((r) => ({ id: r.id, label: r.label, hint: r.focus }))} onChange={(role) => patch({ role })} />
      {entry.role === 'anders' && (
        <input className="field__input" aria-label={t('slim.roleOther')} value={entry.roleOther} maxLength={1_000}
          onChange={(e) => patch({ roleOther: e.target.value })} />
      )}
      <Choice name={`${id}-logic`} legend={t('slim.logic')} testId="slim-logic" value={entry.logic}
        options={interventionLogics.map((l) => ({ id: l.id, label: `${l.label} (${l.trajectLabel.toLowerCase()})`, hint: l.problem }))} onChange={(logic) => patch({ logic })} />
      <Verdict entry={entry} />
      <fieldset className="slim__choice" data-testid="slim-evidence">
        <legend className="field__label">{t('slim.evidence')}</legend>
        {fragments.length === 0 && <p className="field__hint">{t('slim.noFragments')}</p>}
        {fragments.map((f) => (
          <label key={f.id} className="room__check">
            <input type="checkbox" checked={entry.evidence.includes(f.id)}
              onChange={() => patch({ evidence: entry.evidence.includes(f.id) ? entry.evidence.filter((x) => x !== f.id) : [...entry.evidence, f.id] })} />
            {timeRef(f.mediaId, f.start, f.end)} {f.label}
          </label>
        ))}
      </fieldset>
      <label className="field__label" htmlFor={`${id}-note`}>{t('slim.note')}</label>
      <textarea id={`${id}-note`} className="field__input" rows={3} value={entry.note} maxLength={4_000} data-testid="slim-note"
        onChange={(e) => patch({ note: e.target.value })} />
    </form>
    {canAddFragment && (
      // SLIM-4: evidence that is no fragment yet is typed here ("6:00–6:30"), with the same
      // parser as the Fragmenten step, and becomes a fragment of the cycle and evidence at once.
      <FragmentRangeForm key={recordings[0]?.id ?? ''} initial={{ range: '', label: '', theme: null, mediaId: recordings[0]?.id ?? null }} recordings={recordings}
        heading={t('slim.newFragment')} submitLabel={t('slim.newFragmentAdd')} testId="slim-fragment-form"
        onSave={(values) => patch({ evidence: [...entry.evidence, saveFragment(session, { ...values, createdBy: userId })] })} />
    )}
    </>
  );
}
