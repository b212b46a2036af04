import { useState } from 'react';
import type { ConsentUse } from '../../../shared/domain/consent.ts';
import type { PortalOverview } from '../../../shared/portal/protocol.ts';
import { Button, ConfirmDialog } from '../../ui/primitives.tsx';
import { formatIsoDay } from './format.ts';

/** What the client consented to, per use and since when, with "stop" per granted use (PORTAL-4, PORTAL-5). */
export function ConsentSection({ overview, busy, onWithdraw }: {
  overview: PortalOverview;
  busy: boolean;
  onWithdraw: (use: ConsentUse) => Promise<void>;
}) {
  const [pending, setPending] = useState<{ use: ConsentUse; label: string } | null>(null);
  const mayChange = !overview.recording.erased;
  return (
    <section aria-labelledby="portal-consent" className="portal__section">
      <h2 id="portal-consent" className="portal__heading">Waar u toestemming voor gaf</h2>
      {!overview.consentRecorded && <p>Wie het gesprek met u opnam, heeft uw keuzes nog niet vastgelegd. Tot dan kijkt alleen die persoon.</p>}
      <ul className="portal__uses">
        {overview.uses.map((u) => (
          <li key={u.use} className="portal__use" data-testid="portal-use" data-use={u.use} data-granted={String(u.granted)}>
            <span className="portal__use-label">{u.label}</span>
            <span className="portal__use-state">
              {u.granted ? 'Ja' : 'Nee'}
              {u.since !== null && <>, {u.granted ? 'sinds' : 'vanaf'} {formatIsoDay(u.since)}</>}
            </span>
            {u.granted && mayChange && (
              <Button variant="secondary" data-testid={`withdraw-${u.use}`} aria-label={`Stop: ${u.label}`}
                onClick={() => setPending({ use: u.use, label: u.label })}>
                Stoppen
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={pending !== null}
        title="Toestemming intrekken"
        body={pending && <p>U trekt uw toestemming in voor: {pending.label}. Dit gaat meteen in. Wie nu kijkt, stopt direct.</p>}
        confirmLabel="Ja, intrekken"
        cancelLabel="Annuleren"
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) void onWithdraw(pending.use).finally(() => setPending(null));
        }}
      />
    </section>
  );
}
