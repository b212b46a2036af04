/**
 * A deliberately tiny router: the app has a handful of routes, and the History API plus one
 * external store is all it needs. Paths are Dutch because people see and share them.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly name: 'document'; readonly docName: string }
  | { readonly name: 'redirect'; readonly to: string }
  | { readonly name: 'notFound' };

export const defaultDocumentPath = '/documenten/demo';

export function documentPath(docName: string): string {
  return `/documenten/${encodeURIComponent(docName)}`;
}

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/documenten' || pathname === '/documenten/') {
    return { name: 'redirect', to: defaultDocumentPath };
  }
  const match = /^\/documenten\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] !== undefined) {
    try {
      return { name: 'document', docName: decodeURIComponent(match[1]) };
    } catch {
      // Malformed percent-encoding: not a document we could ever have linked to.
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
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

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}
