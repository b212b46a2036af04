/**
 * The local identity until accounts exist: a display name the person picks (kept in
 * localStorage so it survives reloads) and a colour derived from that name, so the same name
 * always gets the same colour for everybody without storing it anywhere.
 */
import { useSyncExternalStore } from 'react';
import { t } from '../../ui/i18n/nl.ts';

export interface Identity {
  readonly name: string;
  /** Always `#rrggbb`: the collaboration carets only accept that form. */
  readonly color: string;
}

const storageKey = 'kijkruimte.displayName';
export const maxNameLength = 40;

/**
 * Saturated, darker colours: they carry white caret labels with enough contrast (WCAG AA for
 * the small label text) and stay distinguishable from one another.
 */
const palette = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7c3aed', // violet
  '#c2410c', // orange
  '#be185d', // magenta
  '#4d7c0f', // olive
  '#92400e', // brown
  '#0f766e', // teal
] as const;

export function colorForName(name: string): string {
  // FNV-1a: tiny, stable across browsers, and spreads similar names over the palette.
  let hash = 0x811c9dc5;
  for (const char of name.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return palette[hash % palette.length] ?? palette[0];
}

export function normaliseName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, maxNameLength);
}

function readStoredName(): string | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    const name = stored === null ? '' : normaliseName(stored);
    return name === '' ? null : name;
  } catch {
    // Storage can be disabled (privacy settings); then the name only lives for this page.
    return null;
  }
}

function makeIdentity(name: string): Identity {
  return { name, color: colorForName(name) };
}

let current: Identity | null = null;
const listeners = new Set<() => void>();

function ensureIdentity(): Identity {
  if (current === null) {
    const stored = readStoredName();
    const name = stored ?? t('identity.defaultName', { number: 100 + Math.floor(Math.random() * 900) });
    current = makeIdentity(name);
    // Persist the generated guest name, so a reload keeps the same name (and colour).
    if (stored === null) writeName(name);
  }
  return current;
}

function writeName(name: string): void {
  try {
    window.localStorage.setItem(storageKey, name);
  } catch {
    // See readStoredName: not being able to remember the name is not an error for the person.
  }
}

export function setDisplayName(raw: string): void {
  const name = normaliseName(raw);
  if (name === '' || name === current?.name) return;
  writeName(name);
  current = makeIdentity(name);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the name updates this tab too.
  const onStorage = (event: StorageEvent): void => {
    if (event.key === storageKey && event.newValue !== null) setDisplayName(event.newValue);
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useIdentity(): Identity {
  return useSyncExternalStore(subscribe, ensureIdentity);
}
