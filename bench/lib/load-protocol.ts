/** Messages between `bench/edit-latency.ts` (parent) and `bench/loadgen.ts` (forked children). */

export interface LoadConfig {
  /** `ws://127.0.0.1:<port>/collab`; the provider appends `/<room>`. */
  wsBase: string;
  /** Several server processes: the clients of each room are spread over them (client c → wsBases[c % n]). */
  wsBases?: string[];
  /** The clients' protocol: the y-websocket client, or `@hocuspocus/provider` for Hocuspocus. */
  protocol: 'y-websocket' | 'hocuspocus';
  /** Handshake headers (session cookie). */
  headers: Record<string, string>;
  /** Document name of every room, indexed by room number. */
  roomNames: string[];
  rooms: number;
  clientsPerRoom: number;
  /** Edits per second over all clients of all shards together. */
  rate: number;
  /** This generator handles the rooms r with r % shards === shard, at its share of the rate.
   * All clients of a room live in one generator, so latency is always measured on one clock. */
  shard: number;
  shards: number;
  warmupMs: number;
  measureMs: number;
  /** How long to wait after the last send for outstanding deliveries. */
  drainMs: number;
  /** Providers opened at once while connecting. */
  connectBatch: number;
}

export interface LoadResult {
  /** Edit-propagation latencies (send → observed by another client), ms, one per delivery. */
  latencies: Float64Array;
  /** Edits sent during the measurement window. */
  sent: number;
  /** Deliveries expected for them: sent × (clients per room − 1). */
  expected: number;
  delivered: number;
  /** How late the sender was against its schedule, ms, one per measured edit. */
  lags: Float64Array;
  /** Load generator's event-loop utilisation and CPU share during measurement (0–1). */
  elu: number;
  cpu: number;
  connectMs: number;
  /** Provider connection closes seen after everyone was connected (should be 0). */
  disconnects: number;
}

/** Child → parent. After 'connected' the child waits for the parent's {@link StartMessage}. */
export type LoadMessage =
  | { type: 'phase'; phase: 'connected' | 'measure-start' | 'measure-end' }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; message: string };

export function isLoadMessage(value: unknown): value is LoadMessage {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  const type = (value as { type: unknown }).type;
  return type === 'phase' || type === 'result' || type === 'error';
}

/** Parent → child: start the schedule (sent to every shard at once, so their windows align). */
export interface StartMessage {
  type: 'start';
}

export function isStartMessage(value: unknown): value is StartMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'start';
}
