/**
 * Loading server data into a screen: one request per key, stale answers ignored (a fast
 * navigation can resolve an old request after a new one), errors kept as ApiError codes.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './http.ts';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

export interface ResourceControls<T> {
  /** Loads again (e.g. after an error or a change elsewhere). */
  readonly reload: () => void;
  /** Replaces the data with what a mutation returned, without another request. */
  readonly set: (update: (current: T) => T) => void;
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('unexpected_response', 0);
}

export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, ResourceControls<T>] {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({ key, resource: { status: 'loading' } });
  const [generation, setGeneration] = useState(0);

  // A new key starts from "loading" in the same render, so the old key's data never shows.
  const current: Resource<T> = state.key === key ? state.resource : { status: 'loading' };

  useEffect(() => {
    let active = true;
    load().then(
      (data) => {
        if (active) setState({ key, resource: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (active) setState({ key, resource: { status: 'error', error: toApiError(error) } });
      },
    );
    return () => {
      active = false;
    };
    // `load` is a fresh closure each render; the key says when it means something else.
    // A reload keeps showing the current data until the new answer arrives.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((update: (current: T) => T) => {
    setState((prev) => (prev.resource.status === 'ready' ? { ...prev, resource: { status: 'ready', data: update(prev.resource.data) } } : prev));
  }, []);
  return [current, { reload, set }];
}
