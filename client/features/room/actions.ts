/**
 * What the buttons, the timeline, the keyboard and the fragment references do. In "volgen" a
 * command becomes the group's next transport (everyone's player follows it, this one included);
 * in "zelfstandig" it steers only this person's player.
 */
import * as cmd from '../../../shared/playback/commands.ts';
import { commandLead } from '../../../shared/playback/follower.ts';
import type { FollowMode } from '../../../shared/playback/room.ts';
import { expectedPosition, initialTransport, type Transport } from '../../../shared/playback/transport.ts';
import type { ClockSync } from '../../collab/clock.ts';
import { transportStore, writeTransport } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { PlayerEngine } from '../../player/engine.ts';

/** One picture of a 25 fps recording (the usual rate here); `,` and `.` step by it. */
export const frameSeconds = 0.04;

export interface RoomActionContext {
  session: CollabSession;
  clock: ClockSync | null;
  engine: PlayerEngine | null;
  mode: FollowMode;
  /** False while someone else holds the presenter lock (only in "volgen"). */
  canSteer: boolean;
  /** The file the group watches (volgen) or I watch (zelfstandig). */
  mediaId: string | null;
  userId: string;
  /** Slowest recent seek among the people following (ms), for the lead of scheduled commands. */
  slowestSeekMs: () => number;
  /** Switch my own file while "zelfstandig". */
  selectLocalMedia: (mediaId: string) => void;
}

export class RoomActions {
  constructor(private readonly c: RoomActionContext) {}

  get following(): boolean {
    return this.c.mode === 'volgen';
  }

  /** Whether this person's buttons steer anything right now. */
  get enabled(): boolean {
    return this.c.mediaId !== null && this.c.engine !== null && (!this.following || (this.c.canSteer && this.c.clock?.ready === true));
  }

  /** Playing, as the person sees it: the group's transport, or the own player when alone. */
  isPlaying(): boolean {
    if (!this.following) return this.c.engine !== null && !this.c.engine.video.paused;
    const t = this.transport();
    if (t === null || !t.playing) return false;
    // Past a fragment's end or the end of the file the group has stopped, whatever `playing` says.
    const at = expectedPosition(t, this.serverNow());
    return (t.stopAt === null || at < t.stopAt) && at < this.duration() - 0.01;
  }

  /** Where the picture is now (s). */
  position(): number {
    return this.c.engine?.video.currentTime ?? 0;
  }

  togglePlay(): void {
    if (this.isPlaying()) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.following) return this.c.engine?.localPlay();
    this.issue((t, ctx) => cmd.play(this.atEnd(t) ? { ...t, position: 0, playing: false } : t, ctx));
  }

  pause(): void {
    if (!this.following) return this.c.engine?.localPause();
    this.issue((t, ctx) => cmd.pause(t, ctx));
  }

  seekTo(seconds: number): void {
    const to = this.clamp(seconds);
    if (!this.following) return this.c.engine?.localSeek(to);
    this.issue((t, ctx) => cmd.seek(t, to, ctx));
  }

  seekBy(delta: number): void {
    const from = this.following ? this.groupPosition() : this.position();
    this.seekTo(from + delta);
  }

  /** `,` / `.`: one picture back or forward, only while paused (a step while playing is lost). */
  stepFrame(direction: 1 | -1): void {
    if (this.isPlaying()) return;
    this.seekBy(direction * frameSeconds);
  }

  setRate(rate: number): void {
    if (!this.following) return this.c.engine?.localSetRate(rate);
    this.issue((t, ctx) => cmd.setRate(t, rate, ctx));
  }

  /** "Speel fragment af": play [start, end] and stop at its end (for everyone when following). */
  playRange(mediaId: string | null, start: number, end: number): void {
    const id = mediaId ?? this.c.mediaId;
    if (id === null) return;
    if (!this.following) {
      if (id !== this.c.mediaId) this.c.selectLocalMedia(id);
      return this.c.engine?.localPlayRange(start, end);
    }
    this.issue((t, ctx) => cmd.playRange(t, id, start, end, ctx), { mediaId: id });
  }

  selectMedia(mediaId: string): void {
    if (!this.following) return this.c.selectLocalMedia(mediaId);
    this.issue((t, ctx) => cmd.selectMedia(t, mediaId, ctx), { mediaId });
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private serverNow(): number {
    return this.c.clock?.serverNow() ?? Date.now();
  }

  private transport(): Transport | null {
    return transportStore(this.c.session).get();
  }

  private groupPosition(): number {
    const t = this.transport();
    return t !== null && t.mediaId === this.c.mediaId ? Math.min(expectedPosition(t, this.serverNow()), this.duration()) : this.position();
  }

  private duration(): number {
    const d = this.c.engine?.video.duration ?? Number.NaN;
    return Number.isFinite(d) && d > 0 ? d : Infinity;
  }

  private clamp(seconds: number): number {
    return Math.max(0, Math.min(seconds, this.duration()));
  }

  private atEnd(t: Transport): boolean {
    return expectedPosition(t, this.serverNow()) >= this.duration() - 0.05;
  }

  /**
   * Writes the next transport, starting from the current one for the file the group watches
   * (or a fresh one when it names another file). Starts are scheduled `lead` ms ahead: room for
   * the slowest follower to pause and seek first, so that all start on the same instant.
   */
  private issue(make: (t: Transport, ctx: { serverNow: number; lead: number; by: string }) => Transport, { mediaId = this.c.mediaId } = {}): void {
    if (!this.enabled || mediaId === null) return;
    const current = this.transport();
    const base: Transport = current !== null && current.mediaId === mediaId
      ? current
      : { ...initialTransport, mediaId, seq: current?.seq ?? 0 };
    const ctx = { serverNow: this.serverNow(), lead: commandLead(this.c.slowestSeekMs()), by: this.c.userId };
    writeTransport(this.c.session, make(base, ctx));
  }
}
