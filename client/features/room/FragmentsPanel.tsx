/**
 * The "Fragmenten" step: type a fragment ("6:00–6:30", FRAGMENT-1) beside the ways the timeline
 * offers (drag, I/O), and the fragments per recording with play, edit and remove.
 */
import { t } from '../../ui/i18n/nl.ts';
import { FragmentList, type FragmentListProps } from './FragmentList.tsx';
import { FragmentRangeForm, type FragmentValues } from './FragmentRangeForm.tsx';

export function FragmentsPanel({ canAdd, currentMediaId, onAdd, ...list }: FragmentListProps & {
  canAdd: boolean;
  /** The file being watched: a typed fragment is on it unless another is chosen. */
  currentMediaId: string | null;
  onAdd: (values: FragmentValues) => void;
}) {
  return (
    <section className="panel" aria-labelledby="fragments-heading">
      <h2 className="panel__title" id="fragments-heading">{t('fragments.heading')}</h2>
      {canAdd && (
        <FragmentRangeForm
          key={currentMediaId ?? ''}
          initial={{ range: '', label: '', theme: null, mediaId: currentMediaId }}
          recordings={list.recordings}
          heading={t('fragments.typeHeading')}
          submitLabel={t('fragments.add')}
          testId="fragment-type-form"
          onSave={onAdd}
        />
      )}
      <FragmentList {...list} />
    </section>
  );
}
