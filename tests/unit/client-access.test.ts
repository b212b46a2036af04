import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCatalogue, errorForCloseCode, permanentCloseCodes } from '../../shared/errors/index.ts';
import type { PlaybackPresence } from '../../shared/playback/room.ts';
import { mayWriteFor } from '../../client/features/access/useMayWrite.ts';
import { refusalLabel, refusalMessage } from '../../client/features/document/refusal.ts';
import { waitForAllFor } from '../../client/features/room/waitForAll.ts';

const owner = mayWriteFor({ userId: 'sanne', role: 'owner' }, true);
const researcher = mayWriteFor({ userId: 'ahmed', role: 'researcher' }, true);
const colleague = mayWriteFor({ userId: 'joost', role: 'colleague' }, true);

describe('DOCACCESS-1 the client offers only what the rule table allows', () => {
  it('intake and the previous review: the owner writes, the others read', () => {
    for (const op of ['add', 'change', 'delete'] as const) {
      expect(owner('doubts', op)).toBe(true);
      expect(owner('previousReview', op)).toBe(true);
      expect(researcher('doubts', op)).toBe(false);
      expect(researcher('previousReview', op)).toBe(false);
      expect(colleague('doubts', op)).toBe(false);
    }
  });

  it('observations: anyone adds and replies, only the author changes or deletes', () => {
    for (const may of [owner, researcher, colleague]) {
      expect(may('observations', 'add')).toBe(true);
      expect(may('observations', 'add', { sub: 'replies' })).toBe(true);
    }
    expect(researcher('observations', 'change', { author: 'ahmed' })).toBe(true);
    expect(researcher('observations', 'delete', { author: 'ahmed' })).toBe(true);
    expect(researcher('observations', 'change', { author: 'sanne' })).toBe(false);
    expect(owner('observations', 'delete', { author: 'ahmed' })).toBe(false);
    expect(owner('observations', 'delete', { sub: 'replies', author: 'ahmed' })).toBe(false);
    expect(researcher('observations', 'delete', { sub: 'replies', author: 'ahmed' })).toBe(true);
  });

  it('fragments: anyone adds, the author or the owner changes and deletes', () => {
    expect(colleague('fragments', 'add')).toBe(true);
    expect(researcher('fragments', 'delete', { author: 'ineke' })).toBe(false);
    expect(researcher('fragments', 'delete', { author: 'ahmed' })).toBe(true);
    expect(owner('fragments', 'delete', { author: 'ineke' })).toBe(true);
    expect(owner('fragments', 'change', { author: '' })).toBe(true);
  });

  it('agenda, report, takeaways and evaluation: owner and researchers; colleagues read', () => {
    for (const part of ['agenda', 'report', 'takeaways', 'evaluation'] as const) {
      expect(owner(part, 'change')).toBe(true);
      expect(researcher(part, 'change')).toBe(true);
      expect(colleague(part, 'change')).toBe(false);
    }
  });

  it('server-only parts are offered to nobody', () => {
    for (const may of [owner, researcher, colleague]) {
      expect(may('published', 'add')).toBe(false);
      expect(may('published', 'change', { sub: 'replies' })).toBe(false);
      expect(may('clientFeedback', 'change')).toBe(false);
      expect(may('settings', 'change', { sub: 'consentVersion' })).toBe(false);
    }
  });

  it('presenter lock, wacht op iedereen and iedereen op Volgen: owner and researcher; the transport under the lock: the presenter', () => {
    for (const key of ['presenter', 'presenterName', 'waitForAll', 'followCall']) {
      expect(owner('settings', 'change', { sub: key })).toBe(true);
      expect(researcher('settings', 'add', { sub: key })).toBe(true);
      expect(colleague('settings', 'change', { sub: key })).toBe(false);
    }
    expect(colleague('playback', 'change', { sub: 'transport', presenter: null })).toBe(true);
    expect(researcher('playback', 'change', { sub: 'transport', presenter: 'sanne' })).toBe(false);
    expect(owner('playback', 'change', { sub: 'transport', presenter: 'sanne' })).toBe(true);
  });

  it('nothing at all while the document takes no changes (refused socket, archived cycle)', () => {
    const stopped = mayWriteFor({ userId: 'sanne', role: 'owner' }, false);
    expect(stopped('doubts', 'add')).toBe(false);
    expect(stopped('observations', 'add')).toBe(false);
    expect(stopped('playback', 'change', { sub: 'transport' })).toBe(false);
  });

  it('no client code calls a helper that creates a server-only part (publishedOf)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && /\bpublishedOf\s*\(/.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
      }
    };
    walk(path.resolve('client'));
    expect(offenders).toEqual([]);
  });
});

describe('DOCACCESS-1 wacht op iedereen under the presenter lock', () => {
  const presence = (state: PlaybackPresence['state'], position: number): PlaybackPresence => ({
    mode: 'volgen', state, mediaId: 'm1', position, at: 1_000, playing: state !== 'buffert', rate: 1, seekMs: 0,
  });
  const running = { playing: true, hold: null, mediaId: 'm1' } as const;
  const held = { playing: false, hold: 'buffering', mediaId: 'm1' } as const;
  const participants = (bufferingAt: number | null) => [
    { clientId: 1, isSelf: true, playback: presence('kijkt-mee', 5) },
    { clientId: 2, isSelf: false, playback: bufferingAt === null ? presence('kijkt-mee', 5) : presence('buffert', bufferingAt) },
  ];

  it('without the lock the shared decision stands (the buffering follower holds)', () => {
    const input = { waitForAll: true, transport: running, running: true, me: { mode: 'volgen', state: 'buffert' } as const, participants: participants(null) };
    expect(waitForAllFor(input, { mayWriteTransport: true, presenter: null, userId: 'ahmed', serverNow: 1_000 })).toEqual({ action: 'hold', holdAt: null });
  });

  it('a non-presenter never writes under the lock, not even when it buffers itself', () => {
    const input = { waitForAll: true, transport: running, running: true, me: { mode: 'volgen', state: 'buffert' } as const, participants: participants(4) };
    expect(waitForAllFor(input, { mayWriteTransport: false, presenter: 'sanne', userId: 'ahmed', serverNow: 1_000 })).toBeNull();
    // Even if the rule answer were stale, someone else's lock means: do not write.
    expect(waitForAllFor(input, { mayWriteTransport: true, presenter: 'sanne', userId: 'ahmed', serverNow: 1_000 })).toBeNull();
  });

  it('the presenter holds the group at the buffering viewer’s frame, and resumes it once nobody buffers', () => {
    const me = { mode: 'volgen', state: 'kijkt-mee' } as const;
    const who = { mayWriteTransport: true, presenter: 'sanne', userId: 'sanne', serverNow: 1_000 };
    expect(waitForAllFor({ waitForAll: true, transport: running, running: true, me, participants: participants(4) }, who)).toEqual({ action: 'hold', holdAt: 4 });
    expect(waitForAllFor({ waitForAll: true, transport: held, running: false, me, participants: participants(4) }, who)).toBeNull();
    expect(waitForAllFor({ waitForAll: true, transport: held, running: false, me, participants: participants(null) }, who)).toEqual({ action: 'resume', holdAt: null });
  });
});

describe('DOCACCESS-1 a refused connection is told with the catalogue and not retried', () => {
  it('every permanent close code has the catalogue message; refusals of a change or a limit read "verbinding gestopt"', () => {
    for (const closeCode of permanentCloseCodes) {
      const code = errorForCloseCode(closeCode) ?? null;
      expect(code, String(closeCode)).not.toBeNull();
      expect(refusalMessage(code)).toBe(errorCatalogue[code!].message);
    }
    for (const code of ['write_forbidden', 'document_too_large', 'too_many_connections', 'awareness_limit'] as const) expect(refusalLabel(code)).toBe('status.stopped');
    expect(refusalLabel('forbidden')).toBe('status.refused');
  });

  describe('a session closed with 4433', () => {
    class RefusingSocket {
      static created = 0;
      binaryType = 'arraybuffer';
      readyState = 0;
      onopen: (() => void) | null = null;
      onmessage: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      constructor(readonly url: string) {
        RefusingSocket.created += 1;
        setTimeout(() => this.onclose?.({ code: 4433, reason: 'write_forbidden' }), 10);
      }
      send(): void {}
      close(): void {}
    }

    beforeAll(() => {
      const win = Object.assign(new EventTarget(), { location: { origin: 'http://127.0.0.1' } });
      vi.stubGlobal('window', win);
      vi.stubGlobal('navigator', { onLine: true });
    });
    afterEach(() => vi.useRealTimers());

    it('stops with status refused and write_forbidden, and opens no second socket', async () => {
      vi.useFakeTimers();
      const { CollabSession } = await import('../../client/collab/session.ts');
      const session = new CollabSession('cycle:abcdefgh-1234', { origin: 'http://127.0.0.1', WebSocketImpl: RefusingSocket as unknown as typeof WebSocket });
      await vi.advanceTimersByTimeAsync(50);
      expect(session.getState()).toMatchObject({ status: 'refused', errorCode: 'write_forbidden', closeCode: 4433 });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(RefusingSocket.created).toBe(1);
      expect(session.getState().status).toBe('refused');
      session.destroy();
    });
  });
});
