import { useId, useState, type FormEvent } from 'react';
import { Button, Swatch } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { colorForName, maxNameLength, normaliseName, setDisplayName, useIdentity } from './identity.ts';

/** Lets the person choose how the others see them (until accounts exist). */
export function NameForm() {
  const identity = useIdentity();
  // Re-mount on outside changes (another tab) so the draft starts from the stored name.
  return <NameFormInner key={identity.name} initialName={identity.name} />;
}

function NameFormInner({ initialName }: { initialName: string }) {
  const [draft, setDraft] = useState(initialName);
  const inputId = useId();
  const hintId = useId();
  const normalised = normaliseName(draft);
  const unchanged = normalised === initialName || normalised === '';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!unchanged) setDisplayName(normalised);
  };

  return (
    <form className="name-form" onSubmit={submit}>
      <label className="field__label" htmlFor={inputId}>{t('identity.label')}</label>
      <div className="name-form__row">
        <Swatch color={colorForName(normalised || initialName)} />
        <input
          id={inputId}
          className="field__input"
          data-testid="display-name"
          value={draft}
          maxLength={maxNameLength}
          autoComplete="nickname"
          aria-describedby={hintId}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={unchanged}>{t('identity.save')}</Button>
      </div>
      <p className="field__hint" id={hintId}>{t('identity.hint')}</p>
    </form>
  );
}
