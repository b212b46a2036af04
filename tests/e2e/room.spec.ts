import type { AccountKey } from './fixtures/accounts.ts';
import { accounts, expect, test, type People } from './fixtures/people.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * The reflection room: three people at home watch the demo recording of the demo cycle as if
 * side by side. Every wait is on a signal the player writes on the <video> element; drift is
 * measured by each page itself (currentTime against the transport and its own clock offset).
 */

// Three browsers playing video on two cores: more room than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const sanne = accounts.klantmanager.name;
const ineke = accounts.onderzoeker2.name;

async function enter(people: People, key: AccountKey): Promise<RoomView> {
  const person = await people.arrive(key);
  // A script error in a player would freeze it silently: make it part of the test output.
  person.page.on('pageerror', (error) => console.log(`[${key}] page error: ${error.message}`));
  person.page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[${key}] console ${message.type()}: ${message.text()}`);
  });
  await watchMuted(person.context);
  await person.cycle.open(await demoCycleId(person.context));
  const room = new RoomView(person.page);
  await room.waitReady();
  return room;
}

async function threeInTheRoom(people: People): Promise<[RoomView, RoomView, RoomView]> {
  const a = await enter(people, 'klantmanager');
  const b = await enter(people, 'onderzoeker1');
  const c = await enter(people, 'onderzoeker2');
  for (const room of [a, b, c]) await expect(room.presence).toHaveCount(3);
  // Start from a paused group, whatever an earlier test left behind.
  if ((await a.playToggle.getAttribute('data-playing')) === 'true') await a.playToggle.click();
  await expect(a.playToggle).toHaveAttribute('data-playing', 'false');
  return [a, b, c];
}

/**
 * Both followers are on command `seq`, in step, and report a currentTime within 0.1 s of where
 * the transport says. Polled: on a loaded machine a page can be starved for a moment after it
 * first reported "in step", and what counts is that it is (back) within 0.1 s.
 */
async function expectInStep(seq: number, ...rooms: RoomView[]): Promise<number[]> {
  const drifts: number[] = [];
  for (const room of rooms) {
    await room.waitSynced(seq);
    let last = Number.NaN;
    await expect.poll(async () => {
      const reading = await room.drift();
      last = reading !== null && reading.seq === seq ? reading.drift : Number.NaN;
      return Math.abs(last) < 0.1;
    }, { message: `drift of ${await room.page.title()} stays above 0.1 s` }).toBe(true);
    drifts.push(last * 1000);
  }
  test.info().annotations.push({ type: 'drift (ms)', description: drifts.map((d) => d.toFixed(1)).join(', ') });
  return drifts;
}

test.describe('PLAY-6 samen kijken in de reflectieruimte', () => {
  test('after play and after a seek by one participant, the other two are within 0.1 s of the transport', async ({ people }) => {
    const [a, b, c] = await threeInTheRoom(people);
    for (const room of [a, b, c]) await expect(room.presenceOf(sanne)).toHaveAttribute('data-state', 'kijkt-mee');

    const before = await a.seq();
    await a.playToggle.click();
    await expect.poll(() => a.seq()).toBeGreaterThan(before);
    const played = await a.seq();
    await expect(b.playToggle).toHaveAttribute('data-playing', 'true');
    await expectInStep(played, b, c);

    // Ahmed (b) seeks on the timeline: Sanne and Ineke follow.
    await b.clickTimelineAt(8);
    await expect.poll(() => b.seq()).toBeGreaterThan(played);
    const sought = await b.seq();
    const position = Number(await b.video.getAttribute('data-transport-position'));
    expect(position).toBeGreaterThan(7);
    expect(position).toBeLessThan(9);
    await expectInStep(sought, a, c);

    // Pause: all three hold the very same frame.
    await c.playToggle.click();
    await expect.poll(() => c.seq()).toBeGreaterThan(sought);
    const paused = await c.seq();
    for (const room of [a, b, c]) await room.waitSynced(paused);
    const frames = await Promise.all([a, b, c].map((room) => room.video.evaluate((v: HTMLVideoElement) => v.currentTime)));
    expect(new Set(frames).size).toBe(1);
  });

  test('a fragment is chosen on the timeline, played for everyone, stops everyone at its end, and plays from the report', async ({ people }) => {
    const [a, b, c] = await threeInTheRoom(people);

    // Sanne drags over 2 s – 3.5 s and names the fragment.
    const at = await a.timelinePoint();
    await a.page.mouse.move(at(2).x, at(2).y);
    await a.page.mouse.down();
    await a.page.mouse.move(at(2.8).x, at(2.8).y, { steps: 4 });
    await a.page.mouse.move(at(3.5).x, at(3.5).y, { steps: 4 });
    await a.page.mouse.up();
    const form = a.page.getByTestId('fragment-form');
    await form.getByLabel('Naam').fill('echtheid');
    await form.getByTestId('theme-select').selectOption('echtheid');
    await form.getByRole('button', { name: 'Fragment opslaan' }).click();
    for (const room of [a, b, c]) await expect(room.timeline.getByTestId('timeline-fragment')).not.toHaveCount(0);

    // Ahmed plays it from the fragment list: everyone plays it and stops at its end.
    await b.page.getByTestId('tab-fragments').click();
    const fragment = b.fragments.filter({ hasText: 'echtheid' }).last();
    const end = Number(await fragment.getAttribute('data-end'));
    const before = await b.seq();
    await fragment.getByTestId('fragment-play').click();
    await expect.poll(() => b.seq()).toBeGreaterThan(before);
    const ranged = await b.seq();
    await expect(a.video).toHaveAttribute('data-transport-stop-at', String(end));
    for (const room of [a, b, c]) {
      await expect.poll(() => room.drift().then((r) => r !== null && r.seq === ranged && r.paused && Math.abs(r.currentTime - end) < 0.002), { timeout: 15_000 }).toBe(true);
    }

    // Into the report, and from there played again by Ineke.
    await fragment.getByTestId('fragment-insert').click();
    const ref = c.page.getByTestId('fragment-ref').filter({ hasText: 'echtheid' }).last();
    await expect(ref).toContainText('▶ 00:02–00:03 echtheid');
    const again = await c.seq();
    await ref.click();
    await expect.poll(() => c.seq()).toBeGreaterThan(again);
    const replayed = await c.seq();
    for (const room of [a, b, c]) {
      await expect.poll(() => room.drift().then((r) => r !== null && r.seq === replayed && r.paused && Math.abs(r.currentTime - end) < 0.002), { timeout: 15_000 }).toBe(true);
    }
  });

  test('a participant in "Zelfstandig" does not follow the group and rejoins with one click', async ({ people }) => {
    const [a, b, c] = await threeInTheRoom(people);

    await c.page.getByTestId('mode-alone').click();
    await expect(c.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    await expect(a.presenceOf(ineke)).toHaveAttribute('data-state', 'zelfstandig');
    const own = await c.video.evaluate((v: HTMLVideoElement) => v.currentTime);

    const before = await a.seq();
    await a.playToggle.click();
    await expect.poll(() => a.seq()).toBeGreaterThan(before);
    const played = await a.seq();
    await expectInStep(played, b);
    // The group has moved on half a second; Ineke's player has not moved at all.
    await expect.poll(() => b.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(own + 0.5);
    expect(await c.video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, t: v.currentTime }))).toEqual({ paused: true, t: own });
    // Sanne sees where Ineke is on her timeline.
    await expect(a.timeline.getByTestId('timeline-participant').and(a.page.locator(`[data-name="${ineke}"]`))).toBeVisible();

    await c.page.getByTestId('rejoin').click();
    await expect(c.video).toHaveAttribute('data-follow-mode', 'volgen');
    await expectInStep(played, c);
    await expect(a.presenceOf(ineke)).toHaveAttribute('data-state', 'kijkt-mee');
  });

  test('keyboard: ? lists the shortcuts, space plays for everyone, M marks a moment on everyone’s timeline', async ({ people }) => {
    const [a, b] = await threeInTheRoom(people);

    await a.page.keyboard.press('?');
    await expect(a.page.getByTestId('shortcuts')).toBeVisible();
    await expect(a.page.getByTestId('shortcuts')).toContainText('één beeld terug of vooruit');
    await a.page.keyboard.press('Escape');
    await expect(a.page.getByTestId('shortcuts')).toBeHidden();

    const before = await b.seq();
    await b.track.focus();
    await b.page.keyboard.press(' ');
    await expect.poll(() => b.seq()).toBeGreaterThan(before);
    await expect(a.playToggle).toHaveAttribute('data-playing', 'true');
    await b.page.keyboard.press('k');
    await expect(a.playToggle).toHaveAttribute('data-playing', 'false');

    const observations = b.timeline.getByTestId('timeline-observation');
    const count = await observations.count();
    await a.track.focus();
    await a.page.keyboard.press('m');
    const form = a.page.getByTestId('moment-form');
    await form.getByLabel('Wat zie je hier?').fill('Cliënt fronst bij het voorstel');
    await form.getByRole('button', { name: 'Moment opslaan' }).click();
    await expect(observations).toHaveCount(count + 1);
  });

  test('a browser that refuses to start sound without a click shows "Klik om mee te kijken" and joins in step after it', async ({ people }) => {
    const a = await enter(people, 'klantmanager');
    const person = await people.arrive('onderzoeker1');
    // Chromium's autoplay policy (which headless Chromium does not enforce): unmuted play() is
    // refused with NotAllowedError until the person has clicked in the page.
    await person.context.addInitScript(() => {
      window.localStorage.setItem('kijkruimte:muted', '0');
      let clicked = false;
      window.addEventListener('pointerdown', (event) => {
        if (event.isTrusted) clicked = true;
      }, true);
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        if (!this.muted && !clicked) return Promise.reject(new DOMException('play() needs a click first', 'NotAllowedError'));
        return play.call(this);
      };
    });
    await person.cycle.open(await demoCycleId(person.context));
    const b = new RoomView(person.page);
    await b.waitReady();
    if ((await a.playToggle.getAttribute('data-playing')) === 'true') await a.playToggle.click();
    await expect(a.playToggle).toHaveAttribute('data-playing', 'false');

    const before = await a.seq();
    await a.playToggle.click();
    await expect.poll(() => a.seq()).toBeGreaterThan(before);
    const played = await a.seq();
    await expect(b.page.getByTestId('player-unlock')).toBeVisible();
    await expect(b.page.getByTestId('player-unlock')).toHaveText(/Klik om mee te kijken/);
    await b.page.getByTestId('player-unlock').click();
    await expect(b.page.getByTestId('player-unlock')).toHaveCount(0);
    await expectInStep(played, b);
    expect(await b.video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
  });

  test('presenter lock: only the presenter steers; the others can still watch alone', async ({ people }) => {
    const [a, b] = await threeInTheRoom(people);
    await a.page.getByTestId('presenter-toggle').click();
    await expect(b.page.getByTestId('presenter-note')).toContainText(`${sanne} presenteert`);
    await expect(b.playToggle).toBeDisabled();
    await b.page.getByTestId('mode-alone').click();
    await expect(b.playToggle).toBeEnabled();
    await b.page.getByTestId('rejoin').click();
    await expect(b.playToggle).toBeDisabled();
    await a.page.getByTestId('presenter-toggle').click();
    await expect(b.playToggle).toBeEnabled();
    await expect(b.page.getByTestId('presenter-note')).toHaveCount(0);
  });
});
