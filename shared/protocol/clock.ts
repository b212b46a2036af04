/**
 * Clock-sync WebSocket: the client sends its send time t0 as one little-endian float64; the
 * server answers 24 bytes: t0, t1 (server receive), t2 (server send), all float64 little-endian,
 * t1/t2 in server epoch milliseconds.
 */
export const clockPath = '/api/clock';
