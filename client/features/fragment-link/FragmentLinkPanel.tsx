import { useState } from 'react';
import type { FragmentLinkInfo } from '../../../shared/protocol/fragment-links.ts';
import { createFragmentLink, endFragmentLink, listFragmentLinks, type MadeLink } from '../../api/fragment-links.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Alert, Button, Notice } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import './fragment-link.css';

/**
 * The interviewer's side of the fragment link (FRAGLINK-1): make a link from the fragments chosen
 * above, shown once (its secret is after `#`), and end links that are still open.
 */
export function FragmentLinkPanel({ cycleId, chosen, canWrite }: { cycleId: string; chosen: number; canWrite: boolean }) {
  const [links, { reload }] = useResource(() => listFragmentLinks(cycleId), `fragment-links:${cycleId}`);
  const [made, setMade] = useState<MadeLink | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const url = made === null ? '' : `${window.location.origin}${made.path}`;

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
      reload();
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  const active = links.status === 'ready' ? links.data.filter((l) => l.active) : [];
  return (
    <div className="reflection__group" data-testid="fragment-link-panel">
      <h3 className="reflection__subheading">{t('fragmentLink.heading')}</h3>
      <p className="reflection__note">{t('fragmentLink.intro')}</p>
      <Button busy={busy} disabled={!canWrite || chosen === 0} onClick={() => void run(async () => setMade(await createFragmentLink(cycleId)))}>
        {t('fragmentLink.make')}
      </Button>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      {made !== null && (
        <div data-testid="fragment-link-made">
          <p>{t('fragmentLink.made', { count: made.fragments, until: formatDateTime(made.expiresAt) })}</p>
          <p className="link-panel__url" data-testid="fragment-link-url">{url}</p>
          <div className="form__actions">
            <a className="button button--secondary" href={url} target="_blank" rel="noopener noreferrer">{t('fragmentLink.open')}</a>
            <Button variant="secondary" onClick={() => void navigator.clipboard.writeText(url).then(() => setNotice(t('fragmentLink.copied')), () => undefined)}>
              {t('fragmentLink.copy')}
            </Button>
          </div>
        </div>
      )}
      {notice !== null && <Notice>{notice}</Notice>}
      {active.length > 0 && <ActiveLinks links={active} busy={busy} onEnd={(id) => void run(async () => {
        await endFragmentLink(cycleId, id);
        setMade(null);
        setNotice(t('fragmentLink.ended'));
      })} />}
    </div>
  );
}

function ActiveLinks({ links, busy, onEnd }: { links: FragmentLinkInfo[]; busy: boolean; onEnd: (id: string) => void }) {
  return (
    <>
      <h4 className="reflection__subheading">{t('fragmentLink.active')}</h4>
      <ul className="reflection__list" data-testid="fragment-links">
        {links.map((l) => {
          const by = l.createdByName ?? t('common.none');
          return (
            <li key={l.id} className="reflection__item source__line">
              <span className="source__text">{t('fragmentLink.row', { count: l.fragments, by, until: formatDateTime(l.expiresAt) })}</span>
              <Button variant="link" disabled={busy} aria-label={t('fragmentLink.endLabel', { by })} onClick={() => onEnd(l.id)}>{t('fragmentLink.end')}</Button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
