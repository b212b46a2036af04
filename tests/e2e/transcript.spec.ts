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

  // A fragment from lines: the first line, then "Fragment tot hier" on the second (1–10 s).
  await page.getByTestId('transcript-fragment').nth(0).click();
  await expect(page.getByTestId('fragment-pending')).toContainText('00:01');
  await expect(page.getByTestId('transcript-fragment').nth(1)).toHaveText('Fragment tot hier');
  await page.getByTestId('transcript-fragment').nth(1).click();
  await expect(page.getByTestId('fragment-pending')).toHaveCount(0);
  // Fragmenten is built when first opened (P7-1): look there, then back to the analysis.
  await page.getByRole('tab', { name: 'Fragmenten', exact: true }).click();
  await expect(page.locator('[data-testid="fragment"][data-start="1"][data-end="10"]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Analyse', exact: true }).click();

  await page.getByTestId('transcript-search').fill('werk');
  await expect(lines).toHaveCount(1);

  // A11Y-1 holds with the transcript panel and its speaker figures on screen.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="transcript-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('TRANSCRIPT-3 TRANSCRIPT-6 following together: a line seeks both videos; strip, figures and charts; the figures reach the agenda and the export', async ({ people }) => {
  test.setTimeout(90_000);
  const owner = await people.arrive('klantmanager');
  const researcher = await people.arrive('onderzoeker1');
  await watchMuted(owner.context);
  await watchMuted(researcher.context);
  const cycleId = await demoCycleId(owner.context);
  await owner.cycle.open(cycleId, { step: 'verslag' });
  const mine = new RoomView(owner.page);
  await mine.waitReady();
  const page = owner.page;
  const panel = page.getByTestId('transcript-panel');
  // The demo recording may already have a transcript from another test: replace it.
  if (await panel.getByTestId('transcript-lines').isVisible()) await panel.getByRole('button', { name: 'Ander transcript importeren' }).click();
  await page.getByTestId('transcript-file').setInputFiles({ name: 'gesprek.vtt', mimeType: 'text/vtt', buffer: Buffer.from(vtt) });
  await page.getByTestId('speaker-role-1').selectOption('client');
  await page.getByPlaceholder('Pseudoniem, bijv. Cliënt A').nth(1).fill('Cliënt A');
  await page.getByTestId('transcript-submit').click();
  await expect(page.getByTestId('transcript-line')).toHaveCount(3);

  await researcher.cycle.open(cycleId, { step: 'verslag' });
  const theirs = new RoomView(researcher.page);
  await theirs.waitReady();
  await expect(theirs.video).toHaveAttribute('data-follow-mode', 'volgen');
  // The researcher sees the pseudonym only, the strip and the figures.
  await expect(researcher.page.getByTestId('talk-share-speaker').first()).toContainText('Cliënt A: 55% van de spreektijd');
  await expect(researcher.page.getByTestId('transcript-panel')).not.toContainText('Piet Pietersen');
  await expect(researcher.page.getByTestId('speaker-strip').locator('.transcript__band-turn')).toHaveCount(3);

  // Following: the klantmanager's click on a line moves both videos.
  await page.getByTestId('transcript-line').nth(2).click();
  for (const room of [mine, theirs]) await expect.poll(() => room.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(11.9);

  // ▶ on the longest turn plays it for the group (4–10 s).
  await page.getByTestId('play-longest').click();
  await expect(theirs.video).toHaveAttribute('data-transport-playing', 'true');
  await expect.poll(() => theirs.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(4);

  await page.getByTestId('talk-charts-toggle').click();
  await expect(page.getByTestId('talk-charts').locator('figure')).toHaveCount(2);
  await expect(page.getByTestId('talk-charts').locator('svg').first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="transcript-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByTestId('talk-to-agenda').click();
  await expect(page.getByTestId('talk-to-agenda')).toBeDisabled();
  // The researcher's export has the figures (pseudonymised) and the agenda item with them.
  await expect.poll(async () => (await researcher.page.request.get(`/api/cycles/${cycleId}/export.md`)).text()).toContain('Spreektijd: Cliënt A 55%');
  const markdown = await (await researcher.page.request.get(`/api/cycles/${cycleId}/export.md`)).text();
  expect(markdown).toContain('## Gespreksanalyse: spreektijd en beurten');
  expect(markdown).toContain('Cliënt A: 55% van de spreektijd, 1 beurt, 0 vragen');
  expect(markdown).not.toContain('Pietersen');
});

test('TRANSCRIPT-5 TRANSCRIPT-7 the owner deletes the transcript, then writes one by hand: Alt+T, Alt+S, and typing never moves the video', async ({ people }) => {
  const person = await people.arrive('klantmanager');
  await watchMuted(person.context);
  await person.cycle.open(await demoCycleId(person.context), { step: 'analyse' });
  const room = new RoomView(person.page);
  await room.waitReady();
  const page = person.page;
  const panel = page.getByTestId('transcript-panel');
  if (await panel.getByTestId('transcript-lines').isVisible()) {
    await page.getByTestId('speakers-edit').click();
    await page.getByTestId('transcript-delete').click();
    await page.getByTestId('transcript-delete-confirm').click();
  }
  await page.getByTestId('transcribe-start').click();
  const area = page.getByTestId('transcribe-text');
  await area.click();
  const before = await room.video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, at: v.currentTime }));
  await page.keyboard.press('Alt+T');
  await expect(area).toHaveValue(/^\d\d\.\d\d De klantmanager: $/);
  // k, j, l, m, i, o and Space are player shortcuts elsewhere; here they are letters.
  await page.keyboard.type('Kijk mij eens lopen, ok?');
  await page.keyboard.press('Alt+S');
  await expect(page.getByTestId('transcribe-current')).toHaveText('Spreker nu: De cliënt');
  await page.keyboard.press('Alt+T');
  await page.keyboard.type('Jazeker.');
  await expect(area).toHaveValue(/^\d\d\.\d\d De klantmanager: Kijk mij eens lopen, ok\?\n\d\d\.\d\d De cliënt: Jazeker\.$/);
  expect(await room.video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, at: v.currentTime }))).toEqual(before);

  await page.getByTestId('transcribe-save').click();
  await expect(page.getByTestId('transcript-line')).toHaveCount(2);
  await expect(page.getByTestId('transcript-line').nth(1)).toContainText('Jazeker.');
  await expect(page.getByTestId('talk-share-speaker')).toHaveCount(2);
});
