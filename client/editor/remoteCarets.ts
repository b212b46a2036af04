import type { Awareness } from 'y-protocols/awareness';

type Listener = (...args: unknown[]) => void;

/**
 * The awareness the caret plugin sees: the same object, except that its `change` listeners hear
 * only other people's changes. The plugin redraws carets on every `change`, and moving one's own
 * caret (every keystroke) changes one's own state: each keystroke then cost a second full editor
 * update (decorations, selection written back to the DOM, scrolled into view) for carets that
 * did not move, since one's own caret is never drawn (bench/README.md, P7).
 */
export function remoteCaretAwareness(awareness: Awareness): Awareness {
  const wrapped = new Map<Listener, Listener>();
  const on = (name: string, fn: Listener): void => {
    if (name !== 'change') return awareness.on(name, fn);
    const filtered: Listener = (...args) => {
      if (args[1] !== 'local') fn(...args);
    };
    wrapped.set(fn, filtered);
    awareness.on(name, filtered);
  };
  const off = (name: string, fn: Listener): void => {
    const filtered = name === 'change' ? wrapped.get(fn) : undefined;
    if (filtered) wrapped.delete(fn);
    awareness.off(name, filtered ?? fn);
  };
  return new Proxy(awareness, {
    get(target, prop) {
      if (prop === 'on') return on;
      if (prop === 'off') return off;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
