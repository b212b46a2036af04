import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MalformedMessageError, encodeSyncStep1, encodeSyncUpdate, parseMessage } from '../../server/collab/messages.ts';
import { messageType } from '../../shared/protocol/collab.ts';

function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe('y-websocket message parsing', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hallo');
  const update = Y.encodeStateAsUpdate(doc);

  it('parses sync step 1, updates, awareness and query-awareness', () => {
    expect(parseMessage(encodeSyncStep1(doc)).kind).toBe('syncStep1');
    expect(parseMessage(encodeSyncUpdate(update)).kind).toBe('syncUpdate');
    expect(parseMessage(new Uint8Array([messageType.queryAwareness])).kind).toBe('queryAwareness');
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ user: { name: 'Onderzoeker 1' } });
    const parsed = parseMessage(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID])));
    expect(parsed.kind === 'awareness' && parsed.entries[0]?.clientId).toBe(doc.clientID);
    aw.destroy();
  });

  it.each([
    ['empty', new Uint8Array([])],
    ['unknown type', new Uint8Array([9])],
    ['unknown sync type', new Uint8Array([0, 7, 0])],
    ['auth from a client', new Uint8Array([2, 0])],
    ['truncated update', encodeSyncUpdate(update).slice(0, 6)],
    ['trailing bytes', new Uint8Array([...encodeSyncUpdate(update), 1])],
    ['length beyond the end', new Uint8Array([0, 2, 0xff, 0xff, 0x03, 1])],
    ['awareness with invalid JSON', awarenessMessage(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]))],
    ['awareness with a non-object state', awarenessMessage(new Uint8Array([1, 5, 1, 1, 0x31]))],
  ])('refuses %s', (_name, data) => {
    expect(() => parseMessage(data)).toThrow(MalformedMessageError);
  });

  it('refuses an update that is cut short inside a correctly framed message', () => {
    expect(() => parseMessage(encodeSyncUpdate(update.slice(0, update.length - 3)))).toThrow(MalformedMessageError);
  });
});
