import { expect, test } from './fixtures/people.ts';
import { accounts } from './fixtures/people.ts';
import { expectNoViolations } from './fixtures/axe.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';

/**
 * The whole method (issue 16): a klantmanager reflects alone with the five core questions and
 * ends with an aandachtspunt in the leeragenda; a researcher records SLIM and it appears under
 * interventielogica on the agenda and in the export. Waits only on what the page and the server
 * show, never on time.
 */
test.describe.configure({ timeout: 90_000 });

test('SELF-2 SELF-3 a klantmanager alone does a self-analysis with the five core questions and ends with an aandachtspunt in the leeragenda', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const title = `Alleen ${m}`;
  // A cycle without researchers: only the klantmanager is a member.
  const cycleId = await sanne.createCycle(title);
  await sanne.cycle.open(cycleId, { step: 'analyse' });
  const page = sanne.page;
  await page.getByTestId('analysis-view-core').click();
  const questions = page.getByTestId('core-question');
  await expect(questions).toHaveCount(5);
  for (let i = 0; i < 5; i++) await questions.nth(i).getByTestId('core-answer').fill(`Antwoord ${i + 1} ${m}`);
  const doel = page.locator('[data-testid="core-question"][data-question="doel"]');
  await doel.getByLabel('Tijdcode (leeg = nu)').fill('0:05');
  await doel.getByLabel('Wat zie je op dit moment?').fill('Hier wil ik iets anders dan de cliënt');
  await doel.getByTestId('core-moment-add').click();
  await expect(doel.getByTestId('core-moment')).toHaveAttribute('data-at', '5');
  await expectNoViolations(page, 'vijf kernvragen');

  const takeaway = `Eerst samen het doel vaststellen ${m}`;
  await page.getByTestId('core-takeaway').fill(takeaway);
  await page.getByTestId('to-takeaway').click();
  await expect(page.getByTestId('to-takeaway-done')).toBeVisible();

  // The aandachtspunt is the cycle's (tab Aandachtspunten) and the leeragenda's.
  await new ReflectionView(page).openTab('Aandachtspunten');
  await expect(page.getByTestId('takeaway').filter({ hasText: takeaway })).toHaveAttribute('data-kind', 'aandachtspunt');
  await page.goto('/leeragenda');
  const cycle = page.getByTestId('leeragenda-cycle').filter({ hasText: title });
  await expect(cycle.getByTestId('leeragenda-takeaway').filter({ hasText: takeaway })).toBeVisible();

  // The self-reflection is exportable (by its author).
  await expect.poll(async () => {
    const res = await sanne.context.request.get(`/api/cycles/${cycleId}/export.md`);
    return (await res.text()).includes(`Antwoord 4 ${m}`);
  }).toBe(true);
  const md = await (await sanne.context.request.get(`/api/cycles/${cycleId}/export.md`)).text();
  expect(md).toContain('## Zelfreflectie met de vijf kernvragen');
  expect(md).toContain('00:05 Hier wil ik iets anders dan de cliënt');
});

test('SLIM-1 SLIM-2 SLIM-3 SLIM-4 a researcher records SLIM, types a new evidence fragment; it appears under interventielogica on the agenda and in the export', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const cycleId = await sanne.createCycle(`SLIM ${m}`);
  await sanne.addMember(cycleId, accounts.onderzoeker1, 'researcher');
  const ahmed = await people.arrive('onderzoeker1');
  await ahmed.cycle.open(cycleId, { step: 'analyse' });
  const page = ahmed.page;
  await page.getByTestId('analysis-view-slim').click();
  await page.getByTestId('slim-start').click();
  const form = page.getByTestId('slim-form');
  await form.getByTestId('slim-self-image').getByLabel('Ik wil wel, maar ik kan niet').check();
  await form.getByTestId('slim-role').getByLabel('Facilitator / verkoper').check();
  await form.getByTestId('slim-logic').getByLabel(/^Kansen/).check();
  const verdict = form.getByTestId('slim-verdict');
  await expect(verdict).toHaveAttribute('data-role-fit', 'mismatch');
  await expect(verdict).toHaveAttribute('data-logic-fit', 'mismatch');
  await expect(verdict).toContainText('past de rol leraar met de logica leren');
  await form.getByTestId('slim-role').getByLabel('Leraar', { exact: true }).check();
  await expect(verdict).toHaveAttribute('data-role-fit', 'match');
  // SLIM-4: evidence that is no fragment yet is typed as a range and becomes one, ticked.
  const typed = page.getByTestId('slim-fragment-form');
  await typed.getByTestId('fragment-range').fill('6.00-6.30');
  await typed.getByTestId('fragment-label').fill(`Bewijs ${m}`);
  await typed.getByRole('button', { name: 'Fragment maken en aanvinken' }).click();
  const evidence = form.getByTestId('slim-evidence').getByLabel(`06:00–06:30 Bewijs ${m}`);
  await expect(evidence).toBeChecked();
  await typed.getByTestId('fragment-range').fill('6:30');
  await typed.getByRole('button', { name: 'Fragment maken en aanvinken' }).click();
  await expect(typed.getByTestId('fragment-range-error')).toBeVisible();
  await expectNoViolations(page, 'SLIM');

  // The klantmanager sees it among the analysis sources, suggested under interventielogica.
  await sanne.cycle.open(cycleId, { step: 'agenda' });
  const view = new ReflectionView(sanne.page);
  const source = view.source('SLIM (');
  await expect(source).toHaveAttribute('data-kind', 'slim');
  await expect(source).toContainText('Ik wil wel, maar ik kan niet');
  await expect(source.getByTestId('source-section')).toHaveValue('interventielogica');
  await source.getByTestId('source-add').click();
  await expect(source).toHaveAttribute('data-on-agenda', 'true');
  await expect(view.agendaItems.filter({ hasText: 'Ik wil wel, maar ik kan niet' })).toHaveAttribute('data-section', 'interventielogica');
  await expectNoViolations(sanne.page, 'agenda met SLIM');

  await expect.poll(async () => (await (await sanne.context.request.get(`/api/cycles/${cycleId}/export.md`)).text()).includes('### SLIM: zelfbeeld, rol en interventielogica')).toBe(true);
  const md = await (await sanne.context.request.get(`/api/cycles/${cycleId}/export.md`)).text();
  expect(md).toContain('zelfbeeld: Ik wil wel, maar ik kan niet; rol: Leraar (Sluit aan)');
  expect(md).toContain(`06:00–06:30 Bewijs ${m}`);
  expect(md).toMatch(/### Interventielogica[^#]*SLIM \(/);
});

test('SELF-1 SELF-4 the klantmanager shares her werkblad with a researcher, who reads it live; nobody else has it', async ({ people }) => {
  const m = uniqueMarker();
  const sanne = await people.arrive('klantmanager');
  const cycleId = await sanne.createCycle(`Werkblad ${m}`);
  await sanne.addMember(cycleId, accounts.onderzoeker1, 'researcher');
  await sanne.cycle.open(cycleId, { step: 'analyse' });
  const page = sanne.page;
  await page.getByTestId('analysis-view-core').click();
  const answer = `Ik stuurde te snel aan ${m}`;
  await page.locator('[data-testid="core-question"][data-question="hoe"]').getByTestId('core-answer').fill(answer);
  await page.getByTestId('analysis-view-worksheet').click();
  // SELF-2 "Wat ik anders ga doen" becomes an aandachtspunt in one action.
  const sheet = page.getByTestId('worksheet');
  await sheet.locator('[data-testid="theme-chip"][data-theme="echtheid"]').click();
  const entry = sheet.locator('[data-testid="worksheet-entry"][data-theme="echtheid"]');
  const change = `Vaker zeggen wat ik denk ${m}`;
  await entry.getByTestId('worksheet-change').fill(change);
  await entry.getByTestId('to-takeaway').click();
  await expect(entry.getByTestId('to-takeaway-done')).toBeVisible();
  const share = page.getByTestId('worksheet-share');
  // The box follows the server's answer (the list it saved), so it is clicked, then awaited.
  await share.getByTestId('worksheet-share-member').click();
  await expect(share.getByTestId('worksheet-share-member')).toBeChecked();
  await expectNoViolations(page, 'werkblad delen');

  const ahmed = await people.arrive('onderzoeker1');
  await ahmed.cycle.open(cycleId, { step: 'analyse' });
  await ahmed.page.getByTestId('analysis-view-sharedWorksheets').click();
  await ahmed.page.getByTestId('shared-worksheet-open').click();
  const shared = ahmed.page.getByTestId('shared-worksheet');
  // The answer reaches the server through the author's socket; the live copy brings it (SELF-4).
  await expect(shared.getByTestId('shared-core-answer')).toContainText(answer);
  await expect(shared.getByTestId('shared-worksheet-entry')).toContainText(change);
  await expectNoViolations(ahmed.page, 'gedeelde werkbladen');
  // SELF-4: she keeps writing; he sees it without asking or reloading.
  const later = `En eerst luisteren ${m}`;
  await entry.getByTestId('worksheet-wonder').fill(later);
  await expect(shared.getByTestId('shared-worksheet-entry')).toContainText(later);

  await new ReflectionView(page).openTab('Aandachtspunten');
  await expect(page.getByTestId('takeaway').filter({ hasText: change })).toHaveAttribute('data-kind', 'aandachtspunt');
});
