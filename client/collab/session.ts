/**
 * One collaboration session per document name: the Y.Doc, its WebsocketProvider and the
 * derived state the UI reads (connection status, synced flag, participants). This module (with
 * the rest of `client/collab/`) is the only code that opens sockets.
 *
 * The state is exposed as small external stores (subscribe + getSnapshot with stable snapshots)
 * so React reads it through useSyncExternalStore without tearing.
 */
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { errorForCloseCode, permanentCloseCodes, type ErrorCode } from '../../shared/errors/index.ts';
import { collabUrl, messageType } from '../../shared/protocol/collab.ts';
import { participantsOf, sameParticipants, type AwarenessUser, type Participant } from './presence.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** True once the server's state has been merged in over the current connection. */
  readonly synced: boolean;
  /** Set when the server refused us for good (status `refused`). */
  readonly errorCode: ErrorCode | null;
  readonly closeCode: number | null;
}

export interface SessionOptions {
  /** Page origin the collaboration URL is derived from; the same origin serves the sockets. */
  readonly origin?: string;
  /** Injection point for tests; browsers use the global WebSocket. */
  readonly WebSocketImpl?: typeof WebSocket;
}

/**
 * After this many failed attempts in a row we stop saying "opnieuw verbinden…" and say
 * "offline": with y-websocket's backoff (200 ms doubling, capped at 2.5 s) that is about five
 * seconds without a server, long enough that the person should know their edits are local only.
 */
const offlineAfterFailures = 5;

const isPermanent = (code: number): boolean => permanentCloseCodes.includes(code);

type Listener = () => void;

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private state: ConnectionState = { status: 'connecting', synced: false, errorCode: null, closeCode: null };
  private participants: readonly Participant[] = [];
  private everConnected = false;
  private failedAttempts = 0;
  private refusal: { errorCode: ErrorCode; closeCode: number } | null = null;
  private destroyed = false;
  private readonly stateListeners = new Set<Listener>();
  private readonly presenceListeners = new Set<Listener>();

  constructor(readonly docName: string, options: SessionOptions = {}) {
    const origin = options.origin ?? window.location.origin;
    this.provider = new WebsocketProvider(collabUrl(origin), docName, this.doc, {
      // Listeners must be attached before the first attempt, or its events are missed.
      connect: false,
      // y-websocket's default treats all of 4400–4499 as final; ours says which codes are
      // (e.g. 4409 "room reset" and 4429 "rate limited" must reconnect).
      shouldReconnect: (event) => !isPermanent(event.code),
      // Every update must pass the server's authorisation: no tab-to-tab shortcut that would let
      // a tab whose access was revoked keep receiving what another tab sees.
      disableBc: true,
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    // y-websocket relays every awareness change it hears, other people's included, back to the
    // server. Only our own state is ours to announce: the server stamps it with our identity and
    // refuses a socket that speaks for someone else's client id.
    this.awareness.off('update', this.provider._awarenessUpdateHandler);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.provider.on('status', this.update);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onConnectionClose);
    this.provider.on('closed', this.onClosedForGood);
    this.awareness.on('change', this.onAwarenessChange);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.update);
    this.provider.connect();
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  /**
   * Publishes who we are in our own awareness state (our presence entry and caret). The server
   * stamps the same fields from our session on what it relays, so others see the account's
   * name whatever a client claims.
   */
  setUser(user: AwarenessUser): void {
    if (this.destroyed) return;
    this.awareness.setLocalStateField('user', { ...user });
  }

  /**
   * Publishes another field of our own awareness state (e.g. `playback`). The server stamps only
   * `user`, so other fields reach the others as we wrote them; readers must parse them.
   */
  setLocalField(field: string, value: unknown): void {
    if (this.destroyed || field === 'user') return;
    this.awareness.setLocalStateField(field, value);
  }

  readonly subscribeState = (listener: Listener): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  readonly getState = (): ConnectionState => this.state;

  readonly subscribePresence = (listener: Listener): (() => void) => {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  };

  readonly getParticipants = (): readonly Participant[] => this.participants;

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.update);
    this.awareness.off('change', this.onAwarenessChange);
    // Tell the others we left now rather than after their awareness timeout (30 s).
    this.awareness.setLocalState(null);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.provider.destroy();
    this.doc.destroy();
    this.stateListeners.clear();
    this.presenceListeners.clear();
  }

  private deriveStatus(): ConnectionStatus {
    if (this.refusal !== null) return 'refused';
    const online = navigator.onLine;
    if (this.provider.wsconnected) return online ? 'connected' : 'offline';
    if (!online || this.failedAttempts >= offlineAfterFailures) return 'offline';
    return this.everConnected || this.failedAttempts > 0 ? 'reconnecting' : 'connecting';
  }

  /** Recomputes the connection state; publishes a new snapshot only when something changed. */
  private readonly update = (): void => {
    if (this.destroyed) return;
    if (this.provider.wsconnected) this.everConnected = true;
    const status = this.deriveStatus();
    const next: ConnectionState = {
      status,
      synced: status === 'connected' && this.provider.synced,
      errorCode: this.refusal?.errorCode ?? null,
      closeCode: this.refusal?.closeCode ?? null,
    };
    const prev = this.state;
    if (prev.status === next.status && prev.synced === next.synced && prev.errorCode === next.errorCode) return;
    this.state = next;
    for (const listener of this.stateListeners) listener();
  };

  private readonly onSync = (synced: boolean): void => {
    if (synced) this.failedAttempts = 0;
    this.update();
  };

  private readonly onConnectionClose = (event: CloseEvent | null): void => {
    // `null` means we closed it ourselves (disconnect or the silence watchdog); permanent codes
    // are handled by `closed`, which y-websocket emits right after this.
    if (event !== null && isPermanent(event.code)) return;
    this.failedAttempts += 1;
    // y-websocket emits this before it clears `wsconnected`; read the settled state afterwards.
    queueMicrotask(this.update);
  };

  private readonly onClosedForGood = (event: { code: number }): void => {
    this.refusal = { errorCode: errorForCloseCode(event.code) ?? 'internal', closeCode: event.code };
    // Reconnecting cannot help (no access, or no such document): stop all attempts, including
    // the cross-tab channel, until the page is opened again.
    this.provider.disconnect();
    this.update();
  };

  private readonly onOnline = (): void => {
    // The network is back: try now instead of waiting out the backoff timer.
    if (this.refusal === null && !this.destroyed) this.provider.connect();
    this.update();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const own = this.doc.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || ws === null || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.awareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, [own]));
    ws.send(encoding.toUint8Array(encoder));
  };

  private readonly onAwarenessChange = (): void => {
    const next = participantsOf(this.awareness);
    if (sameParticipants(next, this.participants)) return;
    this.participants = next;
    for (const listener of this.presenceListeners) listener();
  };
}
