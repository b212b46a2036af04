import type { AccountKey } from './fixtures/accounts.ts';
import { expect, test, type People } from './fixtures/people.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * Typing a fragment: the klantmanager types a range ("0.02 - 0.04", the seeds' way of writing
 * minutes.seconds), a researcher in another browser plays it, and both play exactly that range.
 * Every wait is on a signal the player writes on the <video> element.
 */
test.describe.configure({ timeout: 90_000 });

async function enter(people: People, key: AccountKey): Promise<RoomView> {
  const person = await people.arrive(key);
  await watchMuted(person.context);
  await person.cycle.open(await demoCycleId(person.context));
  const room = new RoomView(person.page);
  await room.waitReady();
  await room.page.getByTestId('tab-fragments').click();
  return room;
}

test.describe('FRAGMENT-1 a typed range plays exactly that range for everyone', () => {
  test('type "0.02 - 0.04", play it from another browser: both play 00:02 to 00:04 and stop there; then change it', async ({ people }) => {
    const a = await enter(people, 'klantmanager');
    const b = await enter(people, 'onderzoeker1');
    for (const room of [a, b]) await expect(room.presence).toHaveCount(2);
    if ((await a.playToggle.getAttribute('data-playing')) === 'true') await a.playToggle.click();
    await expect(a.playToggle).toHaveAttribute('data-playing', 'false');

    const form = a.page.getByTestId('fragment-type-form');
    const range = form.getByTestId('fragment-range');
    // A range backwards is refused in Dutch, and nothing is saved.
    await range.fill('0:04-0:02');
    await form.getByRole('button', { name: 'Fragment toevoegen' }).click();
    await expect(form.getByTestId('fragment-range-error')).toHaveText('Het eind (00:02) moet na het begin (00:04) liggen.');
    await expect(range).toHaveAttribute('aria-invalid', 'true');

    const label = `getypt ${Date.now()}`;
    await range.fill('0.02 - 0.04');
    await form.getByTestId('fragment-label').fill(label);
    await form.getByRole('button', { name: 'Fragment toevoegen' }).click();
    await expect(form.getByTestId('fragment-range-error')).toHaveCount(0);

    const theirs = b.fragments.filter({ hasText: label });
    await expect(theirs).toHaveAttribute('data-start', '2');
    await expect(theirs).toHaveAttribute('data-end', '4');
    await expect(theirs).toContainText('00:02–00:04');

    const before = await b.seq();
    await theirs.getByTestId('fragment-play').click();
    await expect.poll(() => b.seq()).toBeGreaterThan(before);
    const played = await b.seq();
    for (const room of [a, b]) {
      await expect(room.video).toHaveAttribute('data-transport-seq', String(played));
      await expect(room.video).toHaveAttribute('data-transport-position', '2');
      await expect(room.video).toHaveAttribute('data-transport-stop-at', '4');
      await expect.poll(() => room.drift().then((r) => r !== null && r.seq === played && r.paused && Math.abs(r.currentTime - 4) < 0.002), { timeout: 15_000 }).toBe(true);
    }

    // FRAGMENT-2: the klantmanager changes start, end and name afterwards; the researcher sees it.
    const mine = a.fragments.filter({ hasText: label });
    await mine.getByTestId('fragment-edit').click();
    const edit = a.page.getByTestId('fragment-edit-form');
    await edit.getByTestId('fragment-range').fill('0:01–0:03');
    await edit.getByTestId('fragment-label').fill(`${label} kort`);
    await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
    const changed = b.fragments.filter({ hasText: `${label} kort` });
    await expect(changed).toHaveAttribute('data-start', '1');
    await expect(changed).toHaveAttribute('data-end', '3');
  });
});
