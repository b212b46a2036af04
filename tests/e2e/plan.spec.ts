import { expect, test } from './fixtures/people.ts';
import { expectNoViolations } from './fixtures/axe.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';

/**
 * The stappenplan with dates (STEPS-*) and the kinds of cycle (KIND-1) in the browser: chosen at
 * creation, the steps set by the owner, the next date in Mijn cycli, and "Geen cliëntinterview"
 * on the agenda's third pillar.
 */
test.describe.configure({ timeout: 90_000 });

test('KIND-1 KIND-3 STEPS-1 STEPS-2 a leidinggevende–collega cycle: no interview step or tab, no client in agenda, report or print; the owner plans the follow-up and Mijn cycli puts it first', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const page = sanne.page;
  await page.goto('/cycli');
  const form = page.getByTestId('new-cycle-form');
  await form.getByLabel('Gesprek van een leidinggevende met een collega').check();
  await form.getByLabel('Titel').fill(`Beeldbellen ${m}`);
  await form.getByLabel('Collega / gesprekspartner').fill('collega B');
  await form.getByRole('button', { name: 'Cyclus aanmaken' }).click();
  await sanne.cycle.waitUntilSynced();
  await expect(page.getByTestId('cycle-kind')).toHaveText('Gesprek van een leidinggevende met een collega');
  await expect(page.getByRole('tab', { name: 'Cliëntinterview', exact: true })).toHaveCount(0);

  const plan = page.getByTestId('plan');
  await expect(plan.getByTestId('plan-next')).toHaveText('Geen datum gepland');
  await plan.getByText('Stappenplan', { exact: true }).click();
  await expect(plan.getByTestId('plan-step')).toHaveCount(6);
  await expect(plan.locator('[data-step="clientInterview"]')).toHaveCount(0);
  const vervolg = plan.locator('[data-testid="plan-step"][data-step="vervolg"]');
  await vervolg.getByLabel('Vervolggesprek met de collega op').fill('2026-12-07');
  await vervolg.getByTestId('plan-save').click();
  await expect(vervolg).toHaveAttribute('data-date', '2026-12-07');
  await expect(plan.getByTestId('plan-next')).toContainText('Vervolggesprek met de collega op');
  await expectNoViolations(page, 'stappenplan');
  const cycleId = await page.getByTestId('cycle-workspace').getAttribute('data-cycle-id');

  // KIND-3: the agenda's pillars, the report's headings and guide questions and the print page
  // speak of a leidinggevende and a colleague, never of a client or a klantmanager.
  const nameOfClient = /cliënt|klantmanager/i;
  const view = new ReflectionView(page);
  await view.openTab('Agenda');
  const pillars = page.getByTestId('pillars');
  await expect(pillars).toContainText('Twijfels en leerdoelen van de leidinggevende');
  await expect(pillars).toContainText('De leidinggevende heeft nog geen twijfels of leerdoelen genoteerd');
  await expect(page.getByTestId('pillar-client-decision')).toHaveText('Bij een gesprek van een leidinggevende met een collega hoort geen interview achteraf.');
  expect(await pillars.innerText()).not.toMatch(nameOfClient);
  // The agenda's sections and their guiding questions (folded away, so read as text content) too.
  expect(await page.getByTestId('agenda').textContent()).not.toMatch(nameOfClient);
  await view.openTab('Verslag');
  const report = page.getByTestId('editor').first();
  await expect(report).toContainText('III. Terugblik van de collega');
  const prompts = await report.locator('[data-placeholder]').evaluateAll((els) => els.map((el) => el.getAttribute('data-placeholder') ?? ''));
  expect(prompts.join(' ')).toContain('wat herkende de leidinggevende');
  expect(`${await report.innerText()} ${prompts.join(' ')}`).not.toMatch(nameOfClient);
  await page.goto(`/cycli/${cycleId}/afdrukken`);
  await expect(page.getByRole('heading', { name: 'Terugblik van de collega', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Feedback van de collega', exact: true })).toBeVisible();
  expect(await page.locator('main').innerText()).not.toMatch(nameOfClient);

  await page.goto('/cycli');
  const row = page.locator(`[data-testid="cycle-row"][data-cycle-id="${cycleId}"]`);
  await expect(row.getByTestId('cycle-next')).toHaveAttribute('data-date', '2026-12-07');
  await expect(row.getByTestId('cycle-next')).toContainText('Vervolggesprek met de collega op');
  // Dated cycles come before every cycle without a date.
  const dates = await page.getByTestId('cycle-next').evaluateAll((els) => els.map((el) => el.getAttribute('data-date') ?? ''));
  const firstUndated = dates.indexOf('');
  expect(firstUndated === -1 || dates.lastIndexOf('2026-12-07') < firstUndated).toBe(true);
  await expectNoViolations(page, 'Mijn cycli met volgende datum');
});

test('STEPS-3 "Geen cliëntinterview" with a reason is what the agenda’s third pillar says', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const cycleId = await sanne.createCycle(`Geen interview ${m}`);
  await sanne.cycle.open(cycleId, { step: 'agenda' });
  const page = sanne.page;
  await page.getByTestId('plan').getByText('Stappenplan', { exact: true }).click();
  const step = page.locator('[data-testid="plan-step"][data-step="clientInterview"]');
  await step.getByTestId('plan-status').selectOption('overgeslagen');
  const reason = `Beter om af te zien ${m}`;
  await step.getByTestId('plan-reason-input').fill(reason);
  await step.getByTestId('plan-save').click();
  await expect(step).toHaveAttribute('data-status', 'overgeslagen');
  // The agenda reads the decision when it opens.
  await page.reload();
  await sanne.cycle.waitUntilSynced();
  await new ReflectionView(page).openTab('Agenda');
  await expect(page.getByTestId('pillar-client-decision')).toHaveText(`Geen cliëntinterview: ${reason}`);
});
