import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addDoubt } from '../../shared/domain/cycle-doc/intake.ts';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';

let fx: AccessFixture;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

function open(): WebsocketProvider {
  const provider = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: { cookie: fx.headersFor('owner').cookie ?? '' } });
  providers.push(provider);
  return provider;
}

/**
 * The row writes of "laatst gewijzigd", as the app starts them (after the commit, before the
 * relay reaches anyone). They run in the background: on a PostgreSQL pool the test's read could
 * otherwise come before the write.
 */
const touchWrites: Promise<void>[] = [];
beforeAll(() => {
  const cycles = fx.app.repos.cycles;
  const touch = cycles.touch.bind(cycles);
  cycles.touch = (cycleId, at) => {
    const write = touch(cycleId, at);
    touchWrites.push(write);
    return write;
  };
});
const updatedAt = async (): Promise<number> => {
  await Promise.all(touchWrites);
  return (await fx.app.repos.cycles.get(fx.cycleId))!.updated_at;
};

describe('CYCLE-1 "Laatst gewijzigd" follows the cycle\'s content', () => {
  it('playback does not count as a change; an edit of the content moves the time, at most one row write a minute', async () => {
    const writer = open();
    await waitForSynced(writer);
    const before = await updatedAt();

    // Pressing play is no change of the cycle's content.
    writer.doc.getMap(docKeys.playback).set('transport', { mediaId: null, playing: false, position: 0, at: Date.now(), rate: 1, by: null, stopAt: null, seq: 1, hold: null });
    const reader = open();
    await waitForSynced(reader);
    await waitForDoc(reader.doc, () => reader.doc.getMap(docKeys.playback).has('transport'));
    expect(await updatedAt()).toBe(before);

    // A doubt in the intake is: the first change of a quiet cycle is written at once.
    addDoubt(writer.doc.getMap<Y.Map<unknown>>(docKeys.doubts), 'twijfel', 'Was mijn vraag te gesloten?');
    await waitForDoc(reader.doc, () => reader.doc.getMap(docKeys.doubts).size === 1);
    const first = await updatedAt();
    expect(first).toBeGreaterThan(before);

    // A second change within the minute waits for the end of the window (no second write now).
    addDoubt(writer.doc.getMap<Y.Map<unknown>>(docKeys.doubts), 'leerdoel', 'Meer doorvragen');
    await waitForDoc(reader.doc, () => reader.doc.getMap(docKeys.doubts).size === 2);
    expect(await updatedAt()).toBe(first);
    expect(touchWrites).toHaveLength(1);
  });
});
