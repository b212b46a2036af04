import type { ConsentDecisions, ConsentUse } from './consent.ts';

/** Recordings and their media files, as the recordings list shows them. */
export const mediaStatuses = ['uploading', 'ready', 'erased'] as const;
export type MediaStatus = (typeof mediaStatuses)[number];

export type MediaContainer = 'mp4' | 'mov' | 'webm' | 'matroska';

export interface MediaTrack {
  kind: 'video' | 'audio' | 'other';
  /** Codec as the container names it (`avc1`, `mp4a`, `V_VP9`, `A_OPUS`, …). */
  codec: string | null;
  width?: number;
  height?: number;
}

export interface MediaFileInfo {
  id: string;
  status: MediaStatus;
  mime: string | null;
  container: MediaContainer | null;
  durationMs: number | null;
  tracks: MediaTrack[];
  sizeBytes: number;
  /** Bytes received so far while uploading (equals sizeBytes when ready). */
  uploadedBytes: number;
  /** false: an MP4/MOV whose index (moov) sits at the end, so seeking in a browser is slow;
   * null: not applicable (WebM) or not yet known. */
  faststart: boolean | null;
  createdAt: number;
  /** The stream URL (inline playback only; never offered as a download). */
  streamUrl: string | null;
  /** Owner, while uploading: the tus upload URL to resume from (e.g. after a reload elsewhere). */
  uploadUrl: string | null;
}

export interface ConsentSummary {
  decisions: ConsentDecisions;
  consentDate: string | null;
  /** The dates beside the client's and the klantmanager's signature (null: recorded before they were asked). */
  clientSignedOn: string | null;
  managerSignedOn: string | null;
  retentionUntil: string | null;
  /** SCANGATE-1: the organisation asks for the signed form's scan and it is not there yet. */
  scanMissing: boolean;
  /** Owner only: who recorded the conversation, the lawful-basis note, whether a form scan exists. */
  recordedBy?: string | null;
  lawfulBasis?: string | null;
  hasForm?: boolean;
}

export interface RecordingInfo {
  id: string;
  label: string;
  createdAt: number;
  erased: boolean;
  /** When and why the media was erased (shown to every member, not only the owner). */
  erasedAt: number | null;
  erasedReason: 'withdrawn' | 'retention' | 'owner_removed' | null;
  /** null until the owner recorded the client's consent. */
  consent: ConsentSummary | null;
  /** Whether *I* may play it, and if not, why (Dutch, from shared/domain/consent.ts). */
  play: { allowed: true } | { allowed: false; reason: string; use: ConsentUse | null; message: string };
  media: MediaFileInfo[];
}

export interface RecordingsResponse {
  recordings: RecordingInfo[];
  /** Upload limits in force on this server. */
  maxUploadBytes: number;
  quota: { usedBytes: number; limitBytes: number };
}

/** The stream URL of a media file. */
export function mediaUrl(mediaId: string): string {
  return `/api/media/${mediaId}`;
}

/** The tus endpoint of a cycle (uploads are resumable: tus 1.0.0 core + creation + termination). */
export function uploadsUrl(cycleId: string): string {
  return `/api/cycles/${cycleId}/uploads`;
}

/** Bytes a recording's type is recognised by (its first box or EBML header). */
export const mediaSniffBytes = 12;

/** Top-level box types an ISO-BMFF / QuickTime file may start with. */
const firstBoxTypes = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/**
 * Recognises MP4/MOV (ISO-BMFF) and WebM/Matroska (EBML) by their first bytes, the same test as
 * the server's: the browser checks a chosen file before sending any of it, so a wrong file is
 * refused at once instead of after the whole upload. The server still decides.
 */
export function sniffMediaHead(head: Uint8Array): 'isobmff' | 'ebml' | null {
  const u32 = (at: number): number => ((head[at]! << 24) | (head[at + 1]! << 16) | (head[at + 2]! << 8) | head[at + 3]!) >>> 0;
  if (head.length >= 4 && u32(0) === 0x1a45dfa3) return 'ebml';
  if (head.length >= 8) {
    const size = u32(0);
    const type = String.fromCharCode(head[4]!, head[5]!, head[6]!, head[7]!);
    if (firstBoxTypes.has(type) && (size === 1 || size === 0 || size >= 8)) return 'isobmff';
  }
  return null;
}
