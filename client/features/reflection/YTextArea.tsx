/**
 * A plain textarea bound to a Y.Text, for short co-written answers (the evaluation). Local typing
 * becomes the smallest insert/delete (common prefix and suffix), so two people typing in one
 * answer both keep their words; a remote change keeps the local caret where it was in the text.
 */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';

/** Where a caret at `pos` lands after a remote delta (inserts before it push it on). */
function mapThrough(pos: number, delta: Y.YTextEvent['delta']): number {
  let index = 0;
  let out = pos;
  for (const op of delta) {
    if (index > pos) break;
    if (op.retain !== undefined) index += op.retain;
    else if (typeof op.insert === 'string') {
      out += op.insert.length;
      index += op.insert.length;
    } else if (op.delete !== undefined) out -= Math.min(op.delete, Math.max(0, pos - index));
  }
  return Math.max(0, out);
}

export function YTextArea({ text, create, id, disabled, describedBy, rows = 3, testId }: {
  /** The shared text, or null while nobody has written yet. */
  text: Y.Text | null;
  /**
   * Creates the shared text on the first keystroke (reading never writes to the document); null
   * when this person may not write it: then nothing is ever written from here.
   */
  create: (() => Y.Text) | null;
  id: string;
  disabled: boolean;
  describedBy?: string;
  rows?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    // Only when different: assigning a value moves the caret to the end.
    const current = text?.toString() ?? '';
    if (el.value !== current) el.value = current;
    if (text === null) return;
    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
      if (transaction.local) return; // our own typing is already in the field
      const focused = document.activeElement === el;
      const [start, end] = [el.selectionStart, el.selectionEnd];
      el.value = text.toString();
      if (focused) el.setSelectionRange(mapThrough(start, event.delta), mapThrough(end, event.delta));
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const onInput = (): void => {
    const el = ref.current;
    if (el === null || disabled) return;
    const target = text ?? create?.() ?? null;
    if (target === null) return;
    const before = target.toString();
    const after = el.value;
    let prefix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    const removed = before.length - prefix - suffix;
    const inserted = after.slice(prefix, after.length - suffix);
    target.doc?.transact(() => {
      if (removed > 0) target.delete(prefix, removed);
      if (inserted.length > 0) target.insert(prefix, inserted);
    });
  };

  return (
    <textarea
      ref={ref}
      id={id}
      className="field__input reflection-textarea"
      rows={rows}
      disabled={disabled}
      aria-describedby={describedBy}
      data-testid={testId}
      onInput={onInput}
    />
  );
}
