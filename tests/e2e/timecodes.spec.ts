import path from 'node:path';
import { expectNoViolations } from './fixtures/axe.ts';
import { addRecordingWithConsent } from './fixtures/analysis.ts';
import { expect, test } from './fixtures/people.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';

/**
 * TIMECODE-6 in the browser: a fragment typed before the cycle had a recording has none
 * ("opname onbekend"); once the cycle has two recordings it fits both, so the owner picks one
 * under Fragmenten, and the fragment moves to that recording's group.
 */
test.describe.configure({ timeout: 90_000 });
const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');

test('TIMECODE-6 the owner picks the recording of a time code that fits more than one', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const cycleId = await sanne.createCycle(`Twee opnames ${m}`);
  await sanne.cycle.open(cycleId, { step: 'agenda' });
  const page = sanne.page;
  await new ReflectionView(page).openTab('Fragmenten');
  const form = page.getByTestId('fragment-type-form');
  await form.getByTestId('fragment-range').fill('0:01-0:02');
  await form.getByTestId('fragment-label').fill(`Oud ${m}`);
  await form.getByRole('button', { name: 'Fragment toevoegen' }).click();
  await expect(page.locator('[data-testid="fragment"]').filter({ hasText: `Oud ${m}` })).toHaveAttribute('data-media', '');

  const decisions = { own: true, researchers: true, colleagues: false, training: false, clientInterview: false };
  await addRecordingWithConsent(sanne, cycleId, sampleMp4, decisions);
  await addRecordingWithConsent(sanne, cycleId, sampleMp4, decisions);
  await page.reload();
  await sanne.cycle.waitUntilSynced();
  await new ReflectionView(page).openTab('Fragmenten');

  const panel = page.getByTestId('unassigned-timecodes');
  const row = panel.getByTestId('unassigned-timecode').filter({ hasText: `Oud ${m}` });
  await expect(row).toContainText('opname onbekend · 00:01–00:02');
  await expectNoViolations(page, 'tijdcodes zonder opname');
  await row.getByTestId('unassigned-recording').selectOption({ label: 'video 2' });
  await row.getByTestId('unassigned-save').click();
  await expect(panel).toHaveCount(0);
  const moved = page.locator('[data-testid="fragment"]').filter({ hasText: `Oud ${m}` });
  await expect(moved).not.toHaveAttribute('data-media', '');
  await expect(page.locator('[data-testid="fragment-group"]').filter({ has: moved })).toHaveAttribute('aria-label', /video 2/);
});
