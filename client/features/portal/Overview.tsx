import type { ConsentUse } from '../../../shared/domain/consent.ts';
import type { ErasureScope, PortalOverview } from '../../../shared/portal/protocol.ts';
import { Button, Notice } from '../../ui/primitives.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { formatDay, formatIsoDay, formatMoment } from './format.ts';
import { WithdrawAll } from './WithdrawAll.tsx';

/** The client's overview of one recording (PORTAL-4): consent, who watched, retention, receipts. */
export function Overview({ overview, busy, notice, onWithdraw, onWithdrawAll, onReceipt, onLeave }: {
  overview: PortalOverview;
  busy: boolean;
  notice: string | null;
  onWithdraw: (use: ConsentUse) => Promise<void>;
  onWithdrawAll: (scope: ErasureScope) => Promise<void>;
  onReceipt: (number: string) => void;
  onLeave: () => void;
}) {
  const { recording } = overview;
  return (
    <div className="page page--narrow portal" data-testid="portal-overview">
      <h1 className="page__title">Uw opname: {recording.label}</h1>
      {notice !== null && <Notice data-testid="portal-notice">{notice}</Notice>}
      {recording.erased && recording.erasedAt !== null && (
        <p className="portal__erased" data-testid="portal-erased">Deze opname is gewist op {formatDay(recording.erasedAt)}.</p>
      )}
      <ConsentSection overview={overview} busy={busy} onWithdraw={onWithdraw} />
      <section aria-labelledby="portal-access" className="portal__section">
        <h2 id="portal-access" className="portal__heading">Wie heeft de opname bekeken?</h2>
        {overview.access.length === 0
          ? <p>Nog niemand heeft de opname bekeken of geëxporteerd.</p>
          : (
            <ul className="portal__list" data-testid="portal-access">
              {overview.access.map((a, i) => (
                <li key={`${a.at}-${i}`}>
                  {a.role} {a.firstName}, {formatMoment(a.at)} — {a.kind === 'watched' ? 'bekeken' : 'geëxporteerd (zonder beeld)'}
                </li>
              ))}
            </ul>
          )}
      </section>
      <section aria-labelledby="portal-retention" className="portal__section">
        <h2 id="portal-retention" className="portal__heading">Hoe lang bewaren we de opname?</h2>
        <p data-testid="portal-retention">
          {recording.erased
            ? 'De opname is al gewist.'
            : overview.retentionUntil !== null
              ? `Tot ${formatIsoDay(overview.retentionUntil)}. Daarna wissen we hem vanzelf.`
              : 'Er is nog geen datum afgesproken. Wie het gesprek opnam, legt die vast met uw toestemming.'}
        </p>
      </section>
      {!recording.erased && <WithdrawAll busy={busy} onConfirm={onWithdrawAll} />}
      {overview.receipts.length > 0 && (
        <section aria-labelledby="portal-receipts" className="portal__section">
          <h2 id="portal-receipts" className="portal__heading">Bewijs van wissen</h2>
          <ul className="portal__list">
            {overview.receipts.map((r) => (
              <li key={r.number}>
                <Button variant="link" onClick={() => onReceipt(r.number)} data-testid="portal-receipt-link">
                  {`Bewijs ${r.number} van ${formatDay(r.issuedAt)}`}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="portal__small">
        Uw sessie stopt om {formatMoment(overview.sessionExpiresAt).split(', ')[1]} of als u dit tabblad sluit.{' '}
        <Button variant="link" onClick={onLeave} data-testid="portal-leave">Nu afsluiten</Button>
      </p>
    </div>
  );
}
