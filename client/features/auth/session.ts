/**
 * Who is logged in, as one small external store. The server is the only authority: the state
 * starts as `loading`, is settled by `/api/me`, and drops to `anonymous` whenever any request or
 * collaboration socket says the session is gone.
 */
import { useSyncExternalStore } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { fetchMe, isApiError, logout as apiLogout, onUnauthenticated, type ApiErrorCode } from '../../api/index.ts';

export type AuthState =
  | { readonly status: 'loading' }
  /** `expired`: we were logged in and the server ended it; `loggedOut`: the person chose to leave. */
  | { readonly status: 'anonymous'; readonly expired: boolean; readonly loggedOut?: boolean }
  | { readonly status: 'authenticated'; readonly user: PublicUser }
  | { readonly status: 'error'; readonly code: ApiErrorCode };

let state: AuthState = { status: 'loading' };
const listeners = new Set<() => void>();

function publish(next: AuthState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Asks the server who we are; called once at start-up and after a failed first attempt. */
export async function loadSession(): Promise<void> {
  publish({ status: 'loading' });
  try {
    publish({ status: 'authenticated', user: await fetchMe() });
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) publish({ status: 'anonymous', expired: false });
    else publish({ status: 'error', code: isApiError(error) ? error.code : 'unexpected_response' });
  }
}

export function signedIn(user: PublicUser): void {
  publish({ status: 'authenticated', user });
}

/** The server no longer knows our session (expired, ended elsewhere, account disabled). */
export function sessionEnded(): void {
  if (state.status === 'authenticated') publish({ status: 'anonymous', expired: true });
}

export async function signOut(): Promise<void> {
  try {
    await apiLogout();
  } catch {
    // Already logged out on the server, or unreachable: locally we are logged out either way.
  }
  publish({ status: 'anonymous', expired: false, loggedOut: true });
}

onUnauthenticated(sessionEnded);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getState = (): AuthState => state;

export function useAuth(): AuthState {
  return useSyncExternalStore(subscribe, getState);
}
