import { useId, useState } from 'react';
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { titleConfirms } from '../../../shared/protocol/delete-cycle.ts';
import { deleteCycle, isApiError, type ApiErrorCode } from '../../api/index.ts';
import { navigate, paths } from '../../routing/router.ts';
import { Alert, ConfirmDialog } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { useKindT } from './kind.ts';

/**
 * Deleting a cycle with everything in it (DELETE-1): the owner types the cycle's title to
 * confirm. Afterwards the receipt page shows what was erased.
 */
export function DeleteCycleDialog({ cycle, open, onClose }: { cycle: CycleSummary; open: boolean; onClose: () => void }) {
  const t = useKindT();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const confirm = async (): Promise<void> => {
    setFailure(null);
    if (!titleConfirms(typed, cycle.title)) {
      setError(t('deleteCycle.mismatch'));
      document.getElementById(inputId)?.focus();
      return;
    }
    setBusy(true);
    try {
      const receipt = await deleteCycle(cycle.id, typed);
      navigate(paths.deletionReceipt(receipt.receipt), { replace: true });
    } catch (caught) {
      setFailure(isApiError(caught) ? caught.code : 'unexpected_response');
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={open}
      title={t('deleteCycle.title')}
      busy={busy}
      confirmLabel={t('deleteCycle.confirm')}
      cancelLabel={t('common.cancel')}
      onConfirm={() => void confirm()}
      onCancel={() => {
        setTyped('');
        setError(null);
        onClose();
      }}
      body={(
        <div data-testid="delete-cycle-dialog">
          <p>{t('deleteCycle.what')}</p>
          <p>{t('deleteCycle.keeps')}</p>
          <div className="field">
            <label className="field__label" htmlFor={inputId}>{t('deleteCycle.typeTitle', { title: cycle.title })}</label>
            <input id={inputId} className="field__input" type="text" value={typed} autoComplete="off" spellCheck={false}
              aria-invalid={error !== null ? true : undefined} aria-describedby={error !== null ? `${inputId}-error` : undefined}
              onChange={(event) => { setTyped(event.target.value); setError(null); }} />
            {error !== null && <p className="field__error" id={`${inputId}-error`}>{error}</p>}
          </div>
          {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
        </div>
      )}
    />
  );
}
