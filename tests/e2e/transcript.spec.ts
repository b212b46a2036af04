import AxeBuilder from '@axe-core/playwright';
import { accounts, expect, test } from './fixtures/people.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * TRANSCRIPT-1/3/4 in the browser: the klantmanager imports a Teams WebVTT for the demo
 * recording, names a speaker's pseudonym, clicks a line and the video seeks there; the talk share
 * is shown. Analysing is "zelfstandig", so the seek moves only this person's video.
 */
const vtt = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  `<v ${accounts.klantmanager.name}>Hoe gaat het met je?</v>`,
  '',
  '00:00:04.000 --> 00:00:10.000',
  '<v Piet Pietersen>Goed. Ik heb werk gevonden.</v>',
  '',
  '00:00:12.000 --> 00:00:14.000',
  `<v ${accounts.klantmanager.name}>Wat fijn!</v>`,
  '',
].join('\n');

test('TRANSCRIPT-4 the owner imports a WebVTT; a click on a line seeks the video; talk share shown', async ({ people }) => {
  const person = await people.arrive('klantmanager');
  await watchMuted(person.context);
  await person.cycle.open(await demoCycleId(person.context), { step: 'analyse' });
  const room = new RoomView(person.page);
  await room.waitReady();
  const page = person.page;

  await page.getByTestId('transcript-file').setInputFiles({ name: 'gesprek.vtt', mimeType: 'text/vtt', buffer: Buffer.from(vtt) });
  await expect(page.getByTestId('transcript-speaker')).toHaveCount(2);
  await page.getByTestId('speaker-role-1').selectOption('client');
  await page.getByPlaceholder('Pseudoniem, bijv. Cliënt A').nth(1).fill('Cliënt A');
  await page.getByTestId('transcript-submit').click();

  const lines = page.getByTestId('transcript-line');
  await expect(lines).toHaveCount(3);
  // 6 of 3 + 6 + 2 seconds.
  await expect(page.getByTestId('talk-share-speaker').first()).toContainText('Piet Pietersen: 55% van de spreektijd');

  await lines.nth(2).click();
  await expect.poll(() => room.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(11.9);
  expect(await room.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(12.5);
  await expect(page.locator('.transcript__line--active')).toContainText('Wat fijn!');

  await page.getByTestId('transcript-search').fill('werk');
  await expect(lines).toHaveCount(1);

  // A11Y-1 holds with the transcript panel and its speaker figures on screen.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="transcript-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
