/**
 * The player's keyboard shortcuts, on the whole page while the room is open. Keys typed into a
 * field, the report editor or a menu stay theirs; Space on a focused button presses the button.
 */
import { useEffect, useRef } from 'react';

export type ShortcutAction =
  | 'playPause'
  | 'back10'
  | 'forward10'
  | 'back5'
  | 'forward5'
  | 'frameBack'
  | 'frameForward'
  | 'markIn'
  | 'markOut'
  | 'markMoment'
  | 'help'
  | 'escape';

const byKey: Record<string, ShortcutAction> = {
  ' ': 'playPause',
  k: 'playPause',
  j: 'back10',
  l: 'forward10',
  ArrowLeft: 'back5',
  ArrowRight: 'forward5',
  ',': 'frameBack',
  '.': 'frameForward',
  i: 'markIn',
  o: 'markOut',
  m: 'markMoment',
  '?': 'help',
  Escape: 'escape',
};

function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"], dialog') !== null;
}

export function actionForKey(event: KeyboardEvent): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const action = byKey[key] ?? null;
  if (action === null) return null;
  if (action !== 'escape' && typingTarget(event.target)) return null;
  // Space and Enter on a button press that button; the shortcut would press a second one.
  if (action === 'playPause' && key === ' ' && event.target instanceof HTMLElement && event.target.closest('button, a, [role="tab"]') !== null) return null;
  // Arrow keys move between tabs in a tab list.
  if ((action === 'back5' || action === 'forward5') && event.target instanceof HTMLElement && event.target.closest('[role="tablist"]') !== null) return null;
  return action;
}

export function useShortcuts(handler: (action: ShortcutAction) => void, enabled = true): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      const action = actionForKey(event);
      if (action === null) return;
      event.preventDefault();
      ref.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
