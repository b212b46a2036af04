/**
 * "Ik kijk samen met": the werkblad's author shares it (and the core-question reflection) with
 * members of the cycle (SELF-1). The server decides who may read; this only sends the list.
 */
import { useId, useState } from 'react';
import type { Member } from '../../../shared/domain/access.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { fetchWorksheetShares, setWorksheetShares } from '../../api/worksheets.ts';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { Alert } from '../../ui/primitives.tsx';
import { useKindT } from '../cycles/kind.ts';

export function ShareWorksheet({ cycleId, members, userId }: { cycleId: string; members: readonly Member[]; userId: string }) {
  const t = useKindT();
  const id = useId();
  const [shares, { set }] = useResource(() => fetchWorksheetShares(cycleId), `worksheet-shares:${cycleId}:${userId}`);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const others = members.filter((m) => m.userId !== userId);
  if (others.length === 0 || shares.status !== 'ready') return null;
  const chosen = new Set(shares.data.viewers.map((v) => v.userId));
  const toggle = async (viewerId: string): Promise<void> => {
    const next = chosen.has(viewerId) ? [...chosen].filter((v) => v !== viewerId) : [...chosen, viewerId];
    setFailure(null);
    try {
      const saved = await setWorksheetShares(cycleId, { viewerIds: next });
      set(() => saved);
    } catch (e) {
      setFailure(isApiError(e) ? e.code : 'unexpected_response');
    }
  };
  return (
    <fieldset className="worksheet__with" data-testid="worksheet-share" aria-describedby={`${id}-hint`}>
      <legend className="field__label">{t('self.shareHeading')}</legend>
      <span className="field__hint" id={`${id}-hint`}>{t('self.shareHint')}</span>
      {others.map((m) => (
        <label key={m.userId} className="room__check">
          <input type="checkbox" data-testid="worksheet-share-member" data-user={m.userId} checked={chosen.has(m.userId)} onChange={() => void toggle(m.userId)} />
          {m.name} ({t(`role.${m.role}`)})
        </label>
      ))}
      {failure && <Alert tone="danger">{errorMessage(failure)}</Alert>}
    </fieldset>
  );
}
