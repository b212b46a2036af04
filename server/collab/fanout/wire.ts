import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ChainLink } from './chain.ts';

/** Messages on a document's channel, binary (lib0 encoding), each naming the process that sent it. */
export type DocMessage =
  /** Committed entries of the document, with their place in its chain. */
  | { readonly kind: 'updates'; readonly from: string; readonly links: readonly ChainLink[] }
  /** A y-protocols awareness update of clients connected to the sender. */
  | { readonly kind: 'awareness'; readonly from: string; readonly update: Uint8Array }
  /** The sender just started following the document: others send their clients' awareness. */
  | { readonly kind: 'awarenessQuery'; readonly from: string }
  /** The sender committed entries it could not publish (Redis was away): read them from the database. */
  | { readonly kind: 'resync'; readonly from: string };

const kinds = ['updates', 'awareness', 'awarenessQuery', 'resync'] as const;

export function encodeDocMessage(msg: DocMessage): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kinds.indexOf(msg.kind));
  encoding.writeVarString(e, msg.from);
  if (msg.kind === 'updates') {
    encoding.writeVarUint(e, msg.links.length);
    for (const l of msg.links) {
      encoding.writeVarUint(e, l.prevSeq);
      encoding.writeVarUint(e, l.seq);
      encoding.writeVarUint8Array(e, l.update ?? new Uint8Array(0));
    }
  } else if (msg.kind === 'awareness') {
    encoding.writeVarUint8Array(e, msg.update);
  }
  return Buffer.from(encoding.toUint8Array(e));
}

/** Throws on anything malformed (the caller drops the message and logs it). */
export function decodeDocMessage(data: Uint8Array): DocMessage {
  const d = decoding.createDecoder(data);
  const kind = kinds[decoding.readVarUint(d)];
  const from = decoding.readVarString(d);
  switch (kind) {
    case 'updates': {
      const n = decoding.readVarUint(d);
      const links: ChainLink[] = [];
      for (let i = 0; i < n; i++) {
        const prevSeq = decoding.readVarUint(d);
        const seq = decoding.readVarUint(d);
        links.push({ prevSeq, seq, update: decoding.readVarUint8Array(d) });
      }
      return { kind, from, links };
    }
    case 'awareness':
      return { kind, from, update: decoding.readVarUint8Array(d) };
    case 'awarenessQuery':
    case 'resync':
      return { kind, from };
    default:
      throw new Error('unknown fan-out message');
  }
}
