import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { remoteCaretAwareness } from '../../client/editor/remoteCarets.ts';

describe('CARET-1 the caret plugin hears only other people’s awareness changes', () => {
  it('a change of one’s own state does not reach its change listeners; a remote one does; everything else is the same awareness', () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    const seen = remoteCaretAwareness(mine);
    const changes: unknown[] = [];
    const updates: unknown[] = [];
    const onChange = (...args: unknown[]) => changes.push(args[1]);
    seen.on('change', onChange);
    seen.on('update', (...args: unknown[]) => updates.push(args[1]));

    // Typing moves one's own caret: no redraw of carets.
    seen.setLocalStateField('cursor', { anchor: 1, head: 1 });
    expect(changes).toEqual([]);
    // Other events pass unfiltered.
    expect(updates).toEqual(['local']);
    // Someone else moves: carets are redrawn.
    theirs.setLocalStateField('cursor', { anchor: 5, head: 5 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(changes).toEqual(['remote']);
    // The same object underneath: state, ids and methods.
    expect(seen.clientID).toBe(mine.clientID);
    expect(seen.getLocalState()).toEqual({ cursor: { anchor: 1, head: 1 } });
    expect(seen.getStates().size).toBe(2);
    // Unsubscribing removes the filtered listener.
    seen.off('change', onChange);
    theirs.setLocalStateField('cursor', { anchor: 6, head: 6 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(changes).toEqual(['remote']);
  });
});
