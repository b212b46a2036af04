/**
 * "Intervisie": colleagues annotate one recording, each in their own layer. In blind mode nobody
 * sees another colleague's observations until the facilitator (the klantmanager or a
 * researcher/coach) reveals all layers at once; then every observation shows who made it. The
 * facilitator can also bring everyone back to "Volgen" to watch a moment together.
 */
import { useState } from 'react';
import type { CycleRole, PublicUser } from '../../../shared/domain/access.ts';
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import { revealIntervision, setIntervisionBlind, type IntervisionState, type LayersOverview } from '../../api/analysis.ts';
import { isApiError } from '../../api/index.ts';
import type { Resource } from '../../api/useResource.ts';
import type { CollabSession } from '../../collab/session.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Alert, Button, ConfirmDialog, Notice, StatusPill } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import type { MayWrite } from '../access/useMayWrite.ts';
import { callFollow, followCallKey } from './docs.ts';
import { useKindT } from '../cycles/kind.ts';

export function IntervisionPanel({ cycleId, session, user, role, may, layers, onChanged, onIntervision }: {
  cycleId: string;
  session: CollabSession;
  user: PublicUser;
  /** For what goes over HTTP (blind mode and reveal: the server checks these routes itself). */
  role: CycleRole;
  /** For what is written into the cycle document ("iedereen op Volgen"). */
  may: MayWrite;
  layers: Resource<LayersOverview>;
  onChanged: () => void;
  /** The server answered with the new intervision state. */
  onIntervision: (state: IntervisionState) => void;
}) {
  const t = useKindT();
  const [busy, setBusy] = useState<'blind' | 'reveal' | null>(null);
  // The checkbox shows the choice at once; the server's answer then replaces it.
  const [blindChoice, setBlindChoice] = useState<boolean | null>(null);
  const [confirmReveal, setConfirmReveal] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // Revealing is an HTTP route for facilitators; the call to follow is a write the rule table rules.
  const facilitator = role === 'owner' || role === 'researcher';
  const hasFollowCall = session.doc.getMap<unknown>(docKeys.settings).has(followCallKey);
  const mayCallFollow = may('settings', hasFollowCall ? 'change' : 'add', { sub: followCallKey });

  const run = async (what: 'blind' | 'reveal', action: () => Promise<string>): Promise<void> => {
    setBusy(what);
    setMessage(null);
    try {
      setMessage({ tone: 'ok', text: await action() });
      onChanged();
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(isApiError(error) ? error.code : 'unexpected_response') });
    } finally {
      setBusy(null);
    }
  };

  if (layers.status === 'loading') return <p className="page__loading" aria-busy="true">{t('analysis.intervision.loading')}</p>;
  if (layers.status === 'error') return <Alert tone="danger">{errorMessage(layers.error.code)}</Alert>;
  const { intervision, layers: list } = layers.data;
  const revealed = intervision.revealedAt !== null;
  const colleagues = list.filter((l) => l.role === 'colleague');

  return (
    <div className="analysis-view" data-testid="intervision-view" data-blind={String(intervision.blind)} data-revealed={String(revealed)}>
      <p className="analysis-view__intro">{t('analysis.intervision.intro')}</p>
      <p className="intervision-state" data-testid="intervision-state">
        {intervision.blind
          ? revealed
            ? <StatusPill tone="positive">{t('analysis.intervision.revealedAt', { at: formatDateTime(intervision.revealedAt!) })}</StatusPill>
            : <StatusPill tone="warning">{t('analysis.intervision.blindOn')}</StatusPill>
          : <StatusPill tone="neutral">{t('analysis.intervision.blindOff')}</StatusPill>}
      </p>

      {role === 'owner' && (
        <label className="room__check">
          <input type="checkbox" data-testid="intervision-blind" checked={blindChoice ?? intervision.blind} disabled={busy !== null}
            onChange={(event) => {
              const blind = event.target.checked;
              setBlindChoice(blind);
              void run('blind', async () => {
                try {
                  onIntervision(await setIntervisionBlind(cycleId, blind));
                } finally {
                  setBlindChoice(null);
                }
                return blind ? t('analysis.intervision.blindSet') : t('analysis.intervision.blindUnset');
              });
            }} />
          {t('analysis.intervision.blindToggle')}
        </label>
      )}

      {(facilitator || mayCallFollow) && (
        <div className="analysis-view__bar">
          {facilitator && intervision.blind && !revealed && (
            <Button variant="primary" data-testid="intervision-reveal" busy={busy === 'reveal'} onClick={() => setConfirmReveal(true)}>
              {t('analysis.intervision.reveal')}
            </Button>
          )}
          {mayCallFollow && (
            <Button variant="secondary" data-testid="follow-all" onClick={() => {
              callFollow(session, user);
              setMessage({ tone: 'ok', text: t('analysis.intervision.followCalled') });
            }}>
              {t('analysis.intervision.followAll')}
            </Button>
          )}
        </div>
      )}
      {message?.tone === 'ok' && <Notice data-testid="intervision-message">{message.text}</Notice>}
      {message?.tone === 'error' && <Alert tone="danger" data-testid="intervision-error">{message.text}</Alert>}

      <section className="analysis-section" aria-labelledby="intervision-layers">
        <h3 className="analysis-section__title" id="intervision-layers">{t('analysis.intervision.layersHeading')}</h3>
        {colleagues.length === 0 && <p className="empty">{t('analysis.intervision.noColleagues')}</p>}
        <ul className="layer-list">
          {list.map((l) => (
            <li key={l.userId} className="layer-list__item" data-testid="layer-row" data-user={l.userId}
              data-state={l.publishedAt !== null ? 'published' : l.readyAt !== null ? 'ready' : 'working'}>
              <span className="layer-list__name">{l.userId === user.id ? t('analysis.intervision.you', { name: l.name }) : l.name}</span>
              <span className="layer-list__role">{t(`role.${l.role}`)}</span>
              <span className="layer-list__state">
                {l.publishedAt !== null
                  ? t('analysis.intervision.published', { at: formatDateTime(l.publishedAt) })
                  : l.readyAt !== null
                    ? t('analysis.intervision.ready')
                    : t('analysis.intervision.working')}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <ConfirmDialog
        open={confirmReveal}
        title={t('analysis.intervision.revealTitle')}
        body={t('analysis.intervision.revealBody', { n: colleagues.length })}
        confirmLabel={t('analysis.intervision.revealConfirm')}
        cancelLabel={t('common.cancel')}
        busy={busy === 'reveal'}
        onConfirm={() => {
          setConfirmReveal(false);
          void run('reveal', async () => t('analysis.intervision.revealed', { n: (await revealIntervision(cycleId)).published }));
        }}
        onCancel={() => setConfirmReveal(false)}
      />
    </div>
  );
}
