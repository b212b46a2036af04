import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentRefAttrs, fragmentRefText } from '../../shared/editor/extensions.ts';
import { ClockEstimator, sampleFromPing } from '../../shared/playback/clock.ts';
import * as cmd from '../../shared/playback/commands.ts';
import { FollowerController, SeekTracker, type MediaState } from '../../shared/playback/follower.ts';
import {
  maySteer,
  presencePosition,
  readPlaybackPresence,
  readRoomSettings,
  waitForAllDecision,
  writeRoomSettings,
  type PlaybackPresence,
} from '../../shared/playback/room.ts';
import { expectedPosition, initialTransport, isRunning, viewPosition, type Transport } from '../../shared/playback/transport.ts';

const ctx = { serverNow: 10_000, lead: 300, by: 'u1' };
const still = (currentTime: number, extra: Partial<MediaState> = {}): MediaState => ({ currentTime, paused: true, seeking: false, buffering: false, ...extra });
const running = (currentTime: number, extra: Partial<MediaState> = {}): MediaState => ({ ...still(currentTime), paused: false, ...extra });

describe('PLAY-4 transport commands', () => {
  const playing: Transport = { ...initialTransport, mediaId: 'm1', playing: true, position: 10, at: 9_000, seq: 3 };

  it('a rate change continues from where the media is, without a scheduled restart', () => {
    const next = cmd.setRate(playing, 1.5, ctx);
    expect(next.at).toBe(ctx.serverNow);
    expect(expectedPosition(next, ctx.serverNow)).toBeCloseTo(expectedPosition(playing, ctx.serverNow), 9);
    expect(expectedPosition(next, ctx.serverNow + 1_000)).toBeCloseTo(11 + 1.5, 9);
    expect(next.seq).toBe(4);
  });

  it('"wacht op iedereen" holds where the buffering viewer is, keeps the fragment end, and resumes from there', () => {
    const fragment = cmd.playRange(initialTransport, 'm1', 6, 30, { ...ctx, serverNow: 0 });
    const held = cmd.holdForBuffering(fragment, 7.2, ctx);
    expect(held).toMatchObject({ playing: false, position: 7.2, hold: 'buffering', stopAt: 30 });
    const resumed = cmd.resumeAfterHold(held, ctx);
    expect(resumed).toMatchObject({ playing: true, position: 7.2, at: ctx.serverNow + ctx.lead, hold: null, stopAt: 30 });
    // A person pressing pause or play clears the hold.
    expect(cmd.pause(held, ctx).hold).toBeNull();
    expect(cmd.play(held, ctx).hold).toBeNull();
  });

  it('never holds ahead of the transport', () => {
    expect(cmd.holdForBuffering(playing, 99, ctx).position).toBeCloseTo(11, 9);
  });

  it('knows when the media must run and where it must show', () => {
    const scheduled = cmd.play({ ...initialTransport, mediaId: 'm1', position: 4 }, ctx);
    expect(isRunning(scheduled, ctx.serverNow + 100)).toBe(false);
    expect(viewPosition(scheduled, ctx.serverNow + 100)).toBe(4);
    expect(isRunning(scheduled, ctx.serverNow + 400)).toBe(true);
    expect(viewPosition(scheduled, ctx.serverNow + 60_000, 20)).toBe(20);
    expect(isRunning(scheduled, ctx.serverNow + 60_000, 20)).toBe(false);
  });
});

describe('PLAY-1 follower details seen in Chromium', () => {
  it('holds on the last frame when the transport runs past the end of the media', () => {
    const ctl = new FollowerController();
    const t: Transport = { ...initialTransport, mediaId: 'm1', playing: true, position: 0, at: 0 };
    const actions = ctl.step(t, 25_000, 25_000, running(19.99, { duration: 20 }));
    expect(actions).toEqual(expect.arrayContaining([{ kind: 'pause' }, { kind: 'seek', to: 20 }]));
  });

  it('does not reschedule while its scheduled play() is still pending on a late timer', () => {
    const ctl = new FollowerController({ startDelayMs: 40 });
    const t = cmd.play({ ...initialTransport, mediaId: 'm1' }, { serverNow: 0, lead: 300, by: 'a' });
    expect(ctl.step(t, 0, 0, still(0)).some((a) => a.kind === 'playAt')).toBe(true);
    // 200 ms past the start the timer has still not fired (busy machine): wait, do not seek again.
    expect(ctl.step(t, 500, 500, still(0, { starting: true }))).toEqual([]);
    // Without a pending timer the same state is a missed start: resync on its own schedule.
    expect(ctl.step(t, 520, 520, still(0)).some((a) => a.kind === 'playAt')).toBe(true);
  });

  it('learns only the element’s own start delay, not the lateness of its timer', () => {
    const ctl = new FollowerController({ startDelayMs: 40 });
    const t = cmd.play({ ...initialTransport, mediaId: 'm1' }, { serverNow: 0, lead: 300, by: 'a' });
    ctl.step(t, 0, 0, still(0));
    // 100 ms behind at server time 1000, but the timer called play() 100 ms late: nothing to learn.
    ctl.step(t, 1_000, 1_000, running(0.6, { playLateMs: 100 }));
    expect(ctl.startDelayMs).toBeCloseTo(40, 6);
  });

  it('returns to exactly the transport rate inside the deadband, and writes small nudges in steps', () => {
    const ctl = new FollowerController();
    const t: Transport = { ...initialTransport, mediaId: 'm1', playing: true, position: 0, at: 0 };
    expect(ctl.step(t, 10_000, 10_000, running(9.98))).toEqual([{ kind: 'rate', rate: expect.closeTo(1.04, 6) }]);
    expect(ctl.step(t, 10_000, 10_000, running(9.9801))).toEqual([]);
    expect(ctl.step(t, 10_000, 10_000, running(9.999))).toEqual([{ kind: 'rate', rate: 1 }]);
    ctl.reset();
    expect(ctl.step(t, 10_000, 10_000, running(9.999))).toEqual([{ kind: 'rate', rate: 1 }]);
  });

  it('remembers the slowest recent seek and lets it fade', () => {
    const seeks = new SeekTracker(100, 0.5);
    seeks.add(400);
    expect(seeks.slowest).toBe(400);
    seeks.add(10);
    seeks.add(10);
    expect(seeks.slowest).toBe(100);
    seeks.add(Number.NaN);
    expect(seeks.slowest).toBe(100);
  });
});

describe('PLAY-2 clock offset estimation with ageing and averaging', () => {
  it('prefers a fresh sample nearly as good as an old one, and averages the best few', () => {
    const est = new ClockEstimator();
    est.add({ offset: 5, delay: 1, at: 0 });
    // 89 s of 15 ppm ageing (1.3 ms) outweigh 0.4 ms of extra round trip: the fresh one ranks
    // first, the old one is still within the margin, so both count.
    est.add({ offset: 7, delay: 1.4, at: 89_000 });
    expect(est.uncertainty).toBeCloseTo(0.7, 6);
    expect(est.offset).toBeCloseTo(6, 6);
    // A slow ping is no help.
    est.add({ offset: 9, delay: 30, at: 89_100 });
    expect(est.offset).toBeCloseTo(6, 6);
    // Samples older than two minutes are gone whatever their delay.
    est.add({ offset: 8, delay: 1.4, at: 125_000 });
    expect(est.offset).toBeCloseTo(7.5, 6);
    est.reset();
    expect(est.ready).toBe(false);
    expect(est.offset).toBe(0);
  });

  it('takes the ping timestamps apart the NTP way', () => {
    expect(sampleFromPing(100, 1_105, 1_106, 111)).toEqual({ offset: 1_000, delay: 10, at: 111 });
  });
});

describe('PLAY-5 room settings and playback presence', () => {
  it('reads settings a peer wrote, defaulting anything malformed', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('settings');
    expect(readRoomSettings(map)).toEqual({ presenter: null, presenterName: '', waitForAll: false });
    writeRoomSettings(map, { presenter: 'u1', presenterName: 'Sanne', waitForAll: true });
    expect(readRoomSettings(map)).toEqual({ presenter: 'u1', presenterName: 'Sanne', waitForAll: true });
    map.set('presenter', 42);
    map.set('waitForAll', 'yes');
    expect(readRoomSettings(map)).toMatchObject({ presenter: null, waitForAll: false });
    expect(maySteer({ presenter: 'u1', presenterName: '', waitForAll: false }, 'u2')).toBe(false);
    expect(maySteer({ presenter: null, presenterName: '', waitForAll: false }, 'u2')).toBe(true);
  });

  it('parses playback presence and extrapolates a playing position', () => {
    const p: PlaybackPresence = { mode: 'zelfstandig', state: 'zelfstandig', mediaId: 'm1', position: 10, at: 1_000, playing: true, rate: 2, seekMs: 50 };
    expect(readPlaybackPresence({ playback: p })).toEqual(p);
    expect(readPlaybackPresence({ playback: { ...p, state: 'dansen' } })).toBeNull();
    expect(readPlaybackPresence({ user: {} })).toBeNull();
    expect(presencePosition(p, 2_000)).toBe(12);
    expect(presencePosition({ ...p, playing: false }, 2_000)).toBe(10);
  });

  it('"wacht op iedereen": the buffering follower holds the group; the lowest follower resumes it once all are ready', () => {
    const pb = (state: PlaybackPresence['state'], mode: PlaybackPresence['mode'] = 'volgen'): PlaybackPresence =>
      ({ mode, state, mediaId: 'm1', position: 0, at: 0, playing: true, rate: 1, seekMs: 0 });
    const t = { playing: true, hold: null, mediaId: 'm1' } as const;
    const held = { playing: false, hold: 'buffering', mediaId: 'm1' } as const;
    const people = (a: PlaybackPresence['state'], b: PlaybackPresence['state']) => [
      { clientId: 5, isSelf: true, playback: pb(a) },
      { clientId: 9, isSelf: false, playback: pb(b) },
      { clientId: 1, isSelf: false, playback: pb('zelfstandig', 'zelfstandig') },
    ];
    expect(waitForAllDecision({ waitForAll: true, transport: t, running: true, me: { mode: 'volgen', state: 'buffert' }, participants: people('buffert', 'kijkt-mee') })).toBe('hold');
    expect(waitForAllDecision({ waitForAll: false, transport: t, running: true, me: { mode: 'volgen', state: 'buffert' }, participants: people('buffert', 'kijkt-mee') })).toBeNull();
    expect(waitForAllDecision({ waitForAll: true, transport: held, running: false, me: { mode: 'volgen', state: 'kijkt-mee' }, participants: people('kijkt-mee', 'buffert') })).toBeNull();
    // Everyone ready: client 5 is the lowest follower (client 1 watches alone), so it resumes.
    expect(waitForAllDecision({ waitForAll: true, transport: held, running: false, me: { mode: 'volgen', state: 'kijkt-mee' }, participants: people('kijkt-mee', 'kijkt-mee') })).toBe('resume');
    const other = people('kijkt-mee', 'kijkt-mee').map((p) => ({ ...p, isSelf: p.clientId === 9 }));
    expect(waitForAllDecision({ waitForAll: true, transport: held, running: false, me: { mode: 'volgen', state: 'kijkt-mee' }, participants: other })).toBeNull();
    // Switching the setting off while held releases the group even if someone still buffers.
    expect(waitForAllDecision({ waitForAll: false, transport: held, running: false, me: { mode: 'volgen', state: 'kijkt-mee' }, participants: people('kijkt-mee', 'buffert') })).toBe('resume');
  });
});

describe('fragment reference node in the report (PLAY-6)', () => {
  it('shows "▶ 06:00–06:30 echtheid" and sanitises what a peer wrote', () => {
    const attrs = fragmentRefAttrs({ mediaId: 'm1', start: 360, end: 390, label: 'echtheid', theme: 'echtheid' });
    expect(fragmentRefText(attrs)).toBe('▶ 06:00–06:30 echtheid');
    expect(fragmentRefAttrs({ start: '-5', end: 'x', label: 7, theme: '' })).toEqual({ mediaId: null, start: 0, end: 0, label: '', theme: null });
    expect(fragmentRefAttrs({ start: 10, end: 5 }).end).toBe(10);
  });
});
