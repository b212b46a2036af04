/**
 * A deliberately tiny router: the app has a handful of routes, and the History API plus one
 * external store is all it needs. Paths are Dutch because people see and share them.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'login' }
  | { readonly name: 'password' }
  | { readonly name: 'cycles' }
  | { readonly name: 'cycle'; readonly cycleId: string; readonly step: CycleStepSlug | null }
  | { readonly name: 'cycleAccess'; readonly cycleId: string }
  | { readonly name: 'admin' }
  | { readonly name: 'cyclePrint'; readonly cycleId: string }
  | { readonly name: 'leeragenda' }
  | { readonly name: 'leeragendaOf'; readonly ownerId: string }
  /** The owner's print page of the client's form and folder for one recording (FORM-1). */
  | { readonly name: 'clientForm'; readonly cycleId: string; readonly recordingId: string }
  /** The client's portal, without an account (PORTAL-*). */
  | { readonly name: 'clientPortal' }
  /** The client's page for fragments shown in the interview (no account; FRAGLINK-1). */
  | { readonly name: 'clientFragments' }
  /** The receipt after deleting a cycle (DELETE-1). */
  | { readonly name: 'deletionReceipt'; readonly receipt: string }
  | { readonly name: 'notFound' };

/**
 * The steps of a cycle in the method's order, as they appear in its address (`/cycli/:id/:stap`),
 * so that a reload or a shared link opens the same step. The reflectiegesprek has three parts.
 */
export const cycleStepSlugs = ['opnames', 'intake', 'analyse', 'clientinterview', 'agenda', 'fragmenten', 'verslag', 'aandachtspunten', 'export'] as const;
export type CycleStepSlug = (typeof cycleStepSlugs)[number];

function isCycleStepSlug(value: string): value is CycleStepSlug {
  return (cycleStepSlugs as readonly string[]).includes(value);
}

export const paths = {
  home: '/',
  login: '/inloggen',
  password: '/wachtwoord',
  cycles: '/cycli',
  admin: '/beheer',
  cycle: (cycleId: string, step?: CycleStepSlug): string => `/cycli/${encodeURIComponent(cycleId)}${step ? `/${step}` : ''}`,
  cycleAccess: (cycleId: string): string => `/cycli/${encodeURIComponent(cycleId)}/toegang`,
  cyclePrint: (cycleId: string): string => `/cycli/${encodeURIComponent(cycleId)}/afdrukken`,
  leeragenda: '/leeragenda',
  leeragendaOf: (ownerId: string): string => `/leeragenda/${encodeURIComponent(ownerId)}`,
  clientForm: (cycleId: string, recordingId: string): string => `/cycli/${encodeURIComponent(cycleId)}/formulier/${encodeURIComponent(recordingId)}`,
  clientPortal: '/client',
  deletionReceipt: (receipt: string): string => `/verwijderd/${encodeURIComponent(receipt)}`,
} as const;

/** Where the login page sends the person afterwards (`?terug=`). */
export const returnParam = 'terug';

/** Cycle ids are server-issued UUIDs; anything else cannot be a cycle. */
const cycleIdPattern = /^[a-z0-9-]{8,64}$/;

const staticRoutes: Record<string, Route> = {
  '/': { name: 'home' },
  '/inloggen': { name: 'login' },
  '/wachtwoord': { name: 'password' },
  '/cycli': { name: 'cycles' },
  '/beheer': { name: 'admin' },
  '/leeragenda': { name: 'leeragenda' },
  '/client': { name: 'clientPortal' },
  '/kijken': { name: 'clientFragments' },
};

export function matchRoute(pathname: string): Route {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = staticRoutes[trimmed];
  if (fixed !== undefined) return fixed;
  const form = /^\/cycli\/([^/]+)\/formulier\/([^/]+)$/.exec(trimmed);
  if (form?.[1] !== undefined && form[2] !== undefined) {
    const cycleId = safeDecode(form[1]);
    const recordingId = safeDecode(form[2]);
    if (cycleId === null || recordingId === null || !cycleIdPattern.test(cycleId) || !cycleIdPattern.test(recordingId)) return { name: 'notFound' };
    return { name: 'clientForm', cycleId, recordingId };
  }
  const match = /^\/cycli\/([^/]+)(?:\/([a-z]+))?$/.exec(trimmed);
  if (match?.[1] !== undefined) {
    let cycleId: string;
    try {
      cycleId = decodeURIComponent(match[1]);
    } catch {
      // Malformed percent-encoding: not an address we could ever have linked to.
      return { name: 'notFound' };
    }
    if (!cycleIdPattern.test(cycleId)) return { name: 'notFound' };
    const rest = match[2];
    if (rest === 'afdrukken') return { name: 'cyclePrint', cycleId };
    if (rest === 'toegang') return { name: 'cycleAccess', cycleId };
    if (rest === undefined) return { name: 'cycle', cycleId, step: null };
    return isCycleStepSlug(rest) ? { name: 'cycle', cycleId, step: rest } : { name: 'notFound' };
  }
  const receipt = /^\/verwijderd\/(VW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})$/.exec(trimmed);
  if (receipt?.[1] !== undefined) return { name: 'deletionReceipt', receipt: receipt[1] };
  const owner = /^\/leeragenda\/([^/]+)$/.exec(trimmed);
  if (owner?.[1] !== undefined) {
    // User ids are server-issued UUIDs, like cycle ids.
    const ownerId = safeDecode(owner[1]);
    return ownerId !== null && cycleIdPattern.test(ownerId) ? { name: 'leeragendaOf', ownerId } : { name: 'notFound' };
  }
  return { name: 'notFound' };
}

function safeDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Whether a route needs a logged-in person. */
export function isPublicRoute(route: Route): boolean {
  return route.name === 'login' || route.name === 'password' || route.name === 'notFound' || route.name === 'clientPortal';
}

/**
 * The `?terug=` target, only if it is a path inside this app: an attacker's link must not turn
 * our login page into a redirect to somewhere else (`//evil.example`, `https://…`).
 */
export function safeReturnPath(raw: string | null): string | null {
  if (raw === null || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  const route = matchRoute(raw.split(/[?#]/)[0] ?? '');
  return route.name === 'notFound' || route.name === 'login' || route.name === 'password' ? null : raw;
}

export function loginPathFor(returnTo: string): string {
  const target = safeReturnPath(returnTo);
  return target === null || target === '/' ? paths.login : `${paths.login}?${returnParam}=${encodeURIComponent(target)}`;
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const getPathname = (): string => window.location.pathname;
const getSearch = (): string => window.location.search;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

export function useSearch(): string {
  return useSyncExternalStore(subscribe, getSearch);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}
