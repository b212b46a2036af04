export { useAwarenessUser, useCollabSession, useConnectionState, useParticipants } from './hooks.ts';
export type { AwarenessUser, Participant } from './presence.ts';
export type { CollabSession, ConnectionState, ConnectionStatus } from './session.ts';
