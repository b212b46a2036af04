/**
 * Route `/cycli/:id/formulier/:recordingId`: the owner makes the client's form and folder with a
 * new personal code, prints it or downloads it as a PDF (FORM-1, FORM-2). The code is shown only
 * here and only now: the server keeps its hash, and making the form again retires it.
 */
import { useState } from 'react';
import type { ClientFormText } from '../../../shared/portal/form-text.ts';
import { isApiError } from '../../api/http.ts';
import { createClientForm, downloadClientFormPdf, fetchClientCodeStatus } from '../../api/portal.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Alert, Button, ConfirmDialog } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { defaultCycleKind, kindProfile } from '../../../shared/domain/cycle-kinds.ts';
import { FormDocument } from './FormDocument.tsx';
import './client-form.css';

export function ClientFormPage({ cycleId, recordingId }: { cycleId: string; recordingId: string }) {
  const [made, setMade] = useState<{ code: string; form: ClientFormText } | null>(null);
  const [busy, setBusy] = useState<'make' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // A live code may already be on a form the client has: a new one would stop it, so ask first.
  const [status] = useResource(() => fetchClientCodeStatus(cycleId, recordingId), `client-code:${recordingId}`);
  const liveSince = status.status === 'ready' ? status.data.issuedAt : null;
  const hasLiveCode = made !== null || liveSince !== null;
  // The other person in the kind's words: "de cliënt" or "de collega" (KIND-3).
  const other = kindProfile(status.status === 'ready' ? status.data.kind : defaultCycleKind).other;
  const Other = `${other.charAt(0).toUpperCase()}${other.slice(1)}`;
  useDocumentTitle(`Formulier voor ${other}`);

  const run = async (kind: 'make' | 'pdf', action: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(isApiError(e) ? errorMessage(e.code) : errorMessage('unexpected_response'));
    } finally {
      setBusy(null);
    }
  };

  const make = () => void run('make', async () => setMade(await createClientForm(cycleId, recordingId)));

  return (
    <div className="page client-form-page">
      <div className="client-form-page__tools no-print">
        <Link href={paths.cycle(cycleId, 'opnames')}>Terug naar de opnames</Link>
        <h1 className="page__title">Formulier en folder voor {other}</h1>
        <p>
          Het formulier krijgt een nieuwe persoonlijke code voor {other}. Je ziet de code alleen nu: druk het formulier af of
          download het. Maak je later een nieuw formulier, dan werkt de oude code niet meer.
        </p>
        {made === null && liveSince !== null && (
          <Alert tone="warning" data-testid="live-code-warning">
            Er is al een code voor deze opname (gemaakt op {formatDateTime(liveSince)}). Maak je een nieuw formulier, dan werkt die
            code niet meer. Doe dit alleen als {other} de code kwijt is of het formulier nog niet heeft.
          </Alert>
        )}
        {error !== null && <Alert tone="danger">{error}</Alert>}
        <div className="client-form-page__buttons">
          <Button variant={made ? 'secondary' : 'primary'} busy={busy === 'make'} data-testid="make-client-form"
            onClick={() => (hasLiveCode ? setConfirming(true) : make())}>
            {made ? 'Nieuwe code maken' : 'Formulier maken'}
          </Button>
          {made && (
            <>
              <Button onClick={() => window.print()} data-testid="print-client-form">Afdrukken</Button>
              <Button variant="secondary" busy={busy === 'pdf'} data-testid="download-client-form"
                onClick={() => void run('pdf', () => downloadClientFormPdf(cycleId, recordingId, made.code))}>
                Downloaden als PDF
              </Button>
            </>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Nieuwe code maken?"
        body={<p>De code die {other} nu heeft, werkt daarna niet meer. {Other} heeft dan het nieuwe formulier nodig.</p>}
        confirmLabel="Ja, nieuwe code maken"
        cancelLabel="Annuleren"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          make();
        }}
      />
      {made && <FormDocument form={made.form} />}
    </div>
  );
}
