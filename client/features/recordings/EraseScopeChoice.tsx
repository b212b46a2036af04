import { useId } from 'react';
import { erasureScopes, type ErasureScope } from '../../../shared/portal/protocol.ts';
import { useKindT } from '../cycles/kind.ts';

const labels = { media: 'recordings.withdraw.scopeMedia', everything: 'recordings.withdraw.scopeEverything' } as const;

/** On complete withdrawal the owner, like the client in the portal, chooses what goes with the media (PORTAL-6). */
export function EraseScopeChoice({ value, onChange }: { value: ErasureScope; onChange: (scope: ErasureScope) => void }) {
  const t = useKindT();
  const name = useId();
  return (
    <fieldset className="withdraw__scope" data-testid="erase-scope">
      <legend>{t('recordings.withdraw.scopeLegend')}</legend>
      {erasureScopes.map((scope) => (
        <label key={scope} className="withdraw__scope-option">
          <input type="radio" name={name} value={scope} checked={value === scope} onChange={() => onChange(scope)} data-testid={`owner-scope-${scope}`} />
          {' '}{t(labels[scope])}
        </label>
      ))}
    </fieldset>
  );
}
