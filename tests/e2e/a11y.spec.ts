import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AnalysisView, demoCycleId } from './fixtures/analysis.ts';
import { expect, test } from './fixtures/people.ts';
import { watchMuted } from './fixtures/room.ts';

/**
 * A11Y-1 Every screen passes axe-core's WCAG 2.1 A and AA rules with no violation: login, the
 * password page, Mijn
 * cycli, each tab of a cycle (and each view of the analysis, Vergelijk with a table), the access
 * log, the leeragenda, the beheerder's screen and the print page. Each scan waits for the
 * screen's own ready signal first.
 */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const run = Date.now().toString(36);

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  const found = violations.map((v) => `${screen}: ${v.id} (${v.impact ?? '?'}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found).toEqual([]);
}

test.describe('A11Y-1 toegankelijkheid (axe-core, WCAG 2.1 A+AA)', () => {
  test('login, Mijn cycli, leeragenda and the beheerder’s screen', async ({ people }) => {
    // Six pages, each scanned by axe, for three people: longer than the default.
    test.setTimeout(90_000);
    const visitor = await people.arrive('klantmanager', { loggedIn: false });
    await visitor.page.goto('/');
    await expect(visitor.page.getByLabel('E-mailadres')).toBeVisible();
    await expectNoViolations(visitor.page, 'login');
    await visitor.page.goto(`/wachtwoord#token=${'a'.repeat(40)}`);
    await expect(visitor.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(visitor.page, 'wachtwoord kiezen');

    const owner = await people.arrive('klantmanager');
    await owner.page.goto('/cycli');
    await expect(owner.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(owner.page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoViolations(owner.page, 'Mijn cycli');

    await owner.page.goto('/leeragenda');
    await expect(owner.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(owner.page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoViolations(owner.page, 'leeragenda');

    const admin = await people.arrive('beheerder');
    await admin.page.goto('/beheer');
    await expect(admin.page.getByTestId('user-list')).toBeVisible();
    await expectNoViolations(admin.page, 'beheer');
    // The one-time link panel, as shown right after an account is made.
    const form = admin.page.getByTestId('create-user-form');
    await form.getByLabel('Naam').fill('Toegankelijk Account');
    await form.getByLabel('E-mailadres').fill(`a11y-${run}@kijkruimte.example`);
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect(admin.page.getByTestId('one-time-link')).toBeVisible();
    await expectNoViolations(admin.page, 'beheer met eenmalige link');
  });

  test('a cycle’s tabs, the analysis views with Vergelijk, the access log and the print page', async ({ people }) => {
    // Two people publish a layer each, then every tab and view is scanned: longer than the default.
    test.setTimeout(180_000);
    const a = await people.arrive('onderzoeker1');
    const b = await people.arrive('onderzoeker2');
    await watchMuted(a.context);
    await watchMuted(b.context);
    const cycleId = await demoCycleId(a);
    // Two published layers, so that Vergelijk shows its per-theme table.
    // Times no other spec checks on the demo cycle's timeline (specs share the demo cycle).
    for (const [person, at] of [[a, '0:17'], [b, '0:18']] as const) {
      await person.cycle.open(cycleId);
      const view = new AnalysisView(person.page);
      await view.open();
      await view.waitLayerSynced();
      await view.add({ at, themes: ['echtheid'], valence: 'positive', text: `${run} toegankelijk ${at}` });
      await view.publish();
    }

    // By position: a step's accessible name leaves out its (decorative) number.
    const tabs = a.page.getByRole('tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThan(2);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      const name = (await tab.getAttribute('data-testid')) ?? `${i}`;
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expectNoViolations(a.page, `cyclus, ${name}`);
    }

    const analysis = new AnalysisView(a.page);
    await analysis.open();
    for (const view of ['mine', 'shared', 'compare'] as const) {
      await analysis.show(view);
      await expectNoViolations(a.page, `analyse, ${view}`);
    }
    // The per-theme table scrolls by keyboard: its wrapper takes focus.
    const region = a.page.getByTestId('compare-themes-region');
    await region.focus();
    await expect(region).toBeFocused();

    await a.page.goto(`/cycli/${cycleId}/afdrukken`);
    await expect(a.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(a.page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoViolations(a.page, 'afdrukken');

    const owner = await people.arrive('klantmanager');
    await owner.page.goto(`/cycli/${cycleId}/toegang`);
    await expect(owner.page.getByTestId('audit-entry').first()).toBeVisible();
    await expectNoViolations(owner.page, 'toegang');
  });
});
