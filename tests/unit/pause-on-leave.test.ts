import { describe, expect, it } from 'vitest';
import { shouldPauseOnLeave, type PlaybackPresence } from '../../shared/playback/room.ts';

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
});
