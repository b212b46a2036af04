import { describe, expect, it } from 'vitest';
import { play } from '../../shared/playback/commands.ts';
import { shouldPauseOnLeave, type PlaybackPresence } from '../../shared/playback/room.ts';
import { initialTransport, runsOrWillRun } from '../../shared/playback/transport.ts';

const presence = (mode: PlaybackPresence['mode'], mediaId = 'm1'): PlaybackPresence => ({
  mode, state: mode === 'volgen' ? 'kijkt-mee' : 'zelfstandig', mediaId, position: 0, at: 0, playing: true, rate: 1, seekMs: 0,
});

describe('PLAY-10 an empty room does not keep the transport running', () => {
  const me = { mode: 'volgen' as const, clientId: 1 };

  it('the last follower of a running transport pauses it as they leave', () => {
    expect(shouldPauseOnLeave({ me, running: true, transportMediaId: 'm1', participants: [{ clientId: 1, playback: presence('volgen') }] })).toBe(true);
    // Someone watching alone, or following another file, does not keep it running.
    expect(shouldPauseOnLeave({
      me, running: true, transportMediaId: 'm1',
      participants: [{ clientId: 1, playback: presence('volgen') }, { clientId: 2, playback: presence('zelfstandig') }, { clientId: 3, playback: presence('volgen', 'm2') }],
    })).toBe(true);
  });

  it('leaves it running while another follower stays, and does nothing when paused or when watching alone', () => {
    expect(shouldPauseOnLeave({ me, running: true, transportMediaId: 'm1', participants: [{ clientId: 1, playback: presence('volgen') }, { clientId: 2, playback: presence('volgen') }] })).toBe(false);
    expect(shouldPauseOnLeave({ me, running: false, transportMediaId: 'm1', participants: [] })).toBe(false);
    expect(shouldPauseOnLeave({ me: { mode: 'zelfstandig', clientId: 1 }, running: true, transportMediaId: 'm1', participants: [] })).toBe(false);
    // Held for buffering: not running, but left alone it would be restarted by whoever comes back.
    expect(shouldPauseOnLeave({ me, running: false, held: true, transportMediaId: 'm1', participants: [] })).toBe(true);
    expect(shouldPauseOnLeave({ me, running: false, held: true, transportMediaId: 'm1', participants: [{ clientId: 2, playback: presence('volgen') }] })).toBe(false);
  });

  it('a transport played a moment ago, its start instant still ahead, counts as running: leaving then pauses it', () => {
    const paused = { ...initialTransport, mediaId: 'm1' };
    const played = play(paused, { serverNow: 1_000, lead: 300, by: 'u1' });
    // Between the command and the start everyone waits for, the media is not running yet...
    expect(runsOrWillRun(played, 1_100)).toBe(true);
    // ...but it will be: the last follower who leaves now must pause it.
    expect(shouldPauseOnLeave({ me, running: runsOrWillRun(played, 1_100), transportMediaId: 'm1', participants: [{ clientId: 1, playback: presence('volgen') }] })).toBe(true);
    expect(runsOrWillRun(played, 2_000)).toBe(true);
    expect(runsOrWillRun(paused, 2_000)).toBe(false);
  });
});
