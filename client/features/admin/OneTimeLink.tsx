import { useState } from 'react';
import { Button } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

/**
 * A one-time link the beheerder passes on by hand (no mail server): shown once, read-only, with a
 * copy button. It lives only in this component's props; a reload of the page forgets it.
 */
export function OneTimeLink({ name, link }: { name: string; link: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };
  return (
    <section className="panel one-time-link" aria-labelledby="one-time-link-heading" data-testid="one-time-link">
      <h3 className="panel__title" id="one-time-link-heading">{t('admin.linkHeading', { name })}</h3>
      <p>{t('admin.linkBody', { name })}</p>
      <label className="field">
        <span className="field__label">{t('admin.linkLabel')}</span>
        <input className="field__input" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="one-time-link-value" />
      </label>
      <div className="form__actions">
        <Button variant="secondary" onClick={() => void copy().catch(() => setCopied(false))}>{t('admin.copy')}</Button>
        {copied && <span role="status">{t('admin.copied')}</span>}
      </div>
    </section>
  );
}
