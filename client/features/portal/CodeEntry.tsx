import { useState, type FormEvent } from 'react';
import { Alert, Button, Field } from '../../ui/primitives.tsx';

/** The code form (PORTAL-2): typed from the paper form, or filled in by the QR code's link. */
export function CodeEntry({ error, busy, onSubmit }: { error: string | null; busy: boolean; onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() !== '') onSubmit(code);
  };
  return (
    <div className="page page--narrow portal" data-testid="portal-entry">
      <h1 className="page__title">Uw opname bekijken</h1>
      <p>
        Vul de persoonlijke code in die op uw toestemmingsformulier staat. U ziet dan waar u toestemming voor gaf, wie de
        opname heeft bekeken, en u kunt uw toestemming intrekken. U heeft geen account nodig.
      </p>
      {error !== null && <Alert tone="danger" data-testid="portal-error">{error}</Alert>}
      <form className="portal__form" onSubmit={submit} noValidate>
        <Field label="Uw persoonlijke code" hint="Bijvoorbeeld ABC234-DEF567-GHJ892-KMN345. Hoofdletters en streepjes maken niet uit.">
          {(props) => (
            <input {...props} className="field__input portal__code-input" name="code" value={code} autoComplete="off"
              spellCheck={false} autoCapitalize="characters" inputMode="text" maxLength={80}
              onChange={(e) => setCode(e.target.value)} data-testid="portal-code" />
          )}
        </Field>
        <Button type="submit" busy={busy} data-testid="portal-submit">Bekijken</Button>
      </form>
      <p className="portal__small">Kunt u uw code niet vinden? Vraag degene die het gesprek met u opnam om een nieuwe code.</p>
    </div>
  );
}
