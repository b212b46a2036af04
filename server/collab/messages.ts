import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { limits } from '../../shared/limits/index.ts';
import { messageType, syncMessageType } from '../../shared/protocol/collab.ts';

/**
 * Strict parsing of y-websocket protocol messages. Everything is decoded and validated before the
 * room sees it, so a malformed message is refused as a whole and changes nothing.
 */
export type IncomingMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** `empty`: carries no structs and no deletions (a no-op sync step 2), so it changes nothing. */
  | { kind: 'syncUpdate'; update: Uint8Array; empty: boolean; decoded: DecodedUpdate }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

/** The update as Yjs decodes it (structs not yet integrated), kept for the write check. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
  /** Size of the state as sent (JSON, UTF-8 bytes). */
  bytes: number;
}

export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedMessageError';
  }
}

/**
 * Presence beyond what a browser tab sends (a state or a whole awareness message too large):
 * refused with `awareness_limit` rather than as malformed. A subclass, so it is refused all the same.
 */
export class AwarenessLimitError extends MalformedMessageError {
  constructor(reason: string) {
    super(reason);
    this.name = 'AwarenessLimitError';
  }
}

export interface ParseLimits {
  maxAwarenessStateBytes: number;
  maxAwarenessMessageBytes: number;
}

const defaultParseLimits: ParseLimits = {
  maxAwarenessStateBytes: limits.maxAwarenessStateBytes,
  maxAwarenessMessageBytes: limits.maxAwarenessMessageBytes,
};

/** Entries in one awareness message; a room's presence is kept well below this (hooks/identity.ts). */
export const maxAwarenessEntries = 1024;

// As lib0's readVarString: invalid UTF-8 is refused, a BOM is kept as text.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseMessage(data: Uint8Array, parseLimits: ParseLimits = defaultParseLimits): IncomingMessage {
  try {
    return parseUnsafe(data, parseLimits);
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(err instanceof Error ? err.message : 'unreadable');
  }
}

function parseUnsafe(data: Uint8Array, parseLimits: ParseLimits): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: IncomingMessage;
  switch (type) {
    case messageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncMessageType.step1) {
        Y.decodeStateVector(payload);
        message = { kind: 'syncStep1', stateVector: payload };
      } else if (syncType === syncMessageType.step2 || syncType === syncMessageType.update) {
        // Decoding the whole update up front means Yjs will not meet a truncated struct or
        // delete set half-way through integrating it.
        const decoded = Y.decodeUpdate(payload);
        message = { kind: 'syncUpdate', update: payload, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0, decoded };
      } else {
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      break;
    }
    case messageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      // Checked before any JSON is parsed, so an oversized message costs nothing more.
      if (update.byteLength > parseLimits.maxAwarenessMessageBytes) throw new AwarenessLimitError('awareness message too large');
      message = { kind: 'awareness', update, entries: parseAwarenessUpdate(update, parseLimits.maxAwarenessStateBytes) };
      break;
    }
    case messageType.queryAwareness:
      message = { kind: 'queryAwareness' };
      break;
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
  return message;
}

function parseAwarenessUpdate(update: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxAwarenessEntries) throw new MalformedMessageError('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // Measured in bytes, before decoding: a string's length would undercount non-ASCII text.
    const bytes = decoding.readVarUint8Array(decoder);
    if (bytes.byteLength > maxStateBytes) throw new AwarenessLimitError('awareness state too large');
    const json = utf8.decode(bytes);
    const state: unknown = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessageError('awareness state must be an object or null');
    }
    entries.push({ clientId, clock, state, bytes: bytes.byteLength });
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update');
  return entries;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, syncMessageType.step1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, syncMessageType.step2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, syncMessageType.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}
