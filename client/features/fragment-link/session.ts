/**
 * The client's tab session (FRAGLINK-1). The link's secret arrives in the address fragment; it is
 * exchanged once and removed from the address (and so from the history). The session token lives
 * in sessionStorage (this tab only, gone when it closes) and reaches the media requests through
 * the page's service worker, which adds it as a header: never in a URL, never in a cookie.
 */
import type { ClientFragment } from '../../../shared/protocol/fragment-links.ts';
import { ApiError } from '../../api/http.ts';
import { exchangeFragmentLink, fetchClientFragments } from '../../api/fragment-links.ts';

const storageKey = 'kijkruimte.kijksessie';

export interface ClientSession {
  session: string;
  expiresAt: number;
  fragments: ClientFragment[];
}

export async function openClientSession(): Promise<ClientSession> {
  const secret = window.location.hash.replace(/^#/, '');
  if (secret !== '') {
    window.history.replaceState(null, '', window.location.pathname);
    const made = await exchangeFragmentLink(secret);
    sessionStorage.setItem(storageKey, made.session);
    return made;
  }
  const session = sessionStorage.getItem(storageKey);
  if (session === null) throw new ApiError('fragment_link_invalid', 401);
  const again = await fetchClientFragments(session);
  return { session, ...again };
}

/** Puts the page under its service worker and gives it the session token. */
export async function connectWorker(session: string): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('no service worker');
  const container = navigator.serviceWorker;
  // The worker may be restarted by the browser and then asks for the token again.
  container.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: string } | null;
    if (data?.type === 'kijksessie?') event.ports[0]?.postMessage(session);
  });
  const registration = await container.register('/kijken-sw.js', { scope: '/kijken' });
  await container.ready;
  if (container.controller === null) {
    const controlled = new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
    (registration.active ?? registration.waiting ?? registration.installing)?.postMessage({ type: 'claim' });
    await controlled;
  }
  container.controller?.postMessage({ type: 'kijksessie', token: session });
}
