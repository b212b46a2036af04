import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, type Person } from './fixtures/people.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * Issue 13 (both signatures' dates, the scan gate, fragments for the client) and issue 16 item 9
 * (deleting a cycle), in Chromium with several people at once.
 */
test.describe.configure({ timeout: 120_000 });

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
}

/** Drags a fragment from `from` to `to` seconds on the room's timeline and names it. */
async function makeFragment(room: RoomView, from: number, to: number, label: string): Promise<void> {
  const at = await room.timelinePoint();
  await room.page.mouse.move(at(from).x, at(from).y);
  await room.page.mouse.down();
  await room.page.mouse.move(at((from + to) / 2).x, at(from).y, { steps: 4 });
  await room.page.mouse.move(at(to).x, at(from).y, { steps: 4 });
  await room.page.mouse.up();
  const form = room.page.getByTestId('fragment-form');
  await form.getByLabel('Naam').fill(label);
  await form.getByRole('button', { name: 'Fragment opslaan' }).click();
  await expect(form).toHaveCount(0);
}

/** Media responses of a browser context (the page's and its service worker's). */
function recordMedia(context: BrowserContext): { status: number; range: string }[] {
  const seen: { status: number; range: string }[] = [];
  context.on('response', (response) => {
    if (!response.url().includes('/api/kijken/media/')) return;
    seen.push({ status: response.status(), range: response.request().headers()['range'] ?? '' });
  });
  return seen;
}

test.describe('de cliënt: fragmenten in het interview', () => {
  test('FRAGLINK-1 FRAGLINK-2 a researcher opens a fragment link; an anonymous browser plays exactly the chosen fragments', async ({ people, browser }) => {
    const m = uniqueMarker();
    const researcher: Person = await people.arrive('onderzoeker1');
    await watchMuted(researcher.context);
    await researcher.cycle.open(await demoCycleId(researcher.context));
    const room = new RoomView(researcher.page);
    await room.waitReady();
    await makeFragment(room, 2, 4, `Begin ${m}`);
    await makeFragment(room, 12, 14, `Later ${m}`);

    const view = new ReflectionView(researcher.page);
    await view.openTab('Cliëntinterview');
    const fragments = researcher.page.getByTestId('interview-fragment');
    // Only these two are shown to the client: earlier choices (other tests) are cleared.
    for (const box of await fragments.getByRole('checkbox').all()) await box.uncheck();
    for (const label of [`Begin ${m}`, `Later ${m}`]) await fragments.filter({ hasText: label }).getByRole('checkbox').check();
    await researcher.page.getByRole('button', { name: 'Link voor de cliënt maken' }).click();
    const url = (await researcher.page.getByTestId('fragment-link-url').textContent())!;
    expect(url).toMatch(/\/kijken#[A-Za-z0-9_-]{40,}$/);

    // The client: another browser, no account.
    const client = await browser.newContext();
    const media = recordMedia(client);
    const page = await client.newPage();
    await page.goto(url);
    const fragment = page.getByTestId('client-fragment');
    await expect(fragment).toBeVisible();
    // The secret left the address at once; the tab keeps only its session.
    expect(page.url()).not.toContain('#');
    expect(await page.evaluate(() => sessionStorage.getItem('kijkruimte.kijksessie'))).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await expectNoViolations(page, 'kijken');

    for (const [n, label] of [[1, `Begin ${m}`], [2, `Later ${m}`]] as const) {
      await expect(fragment).toHaveAttribute('data-index', String(n - 1));
      await expect(fragment).toContainText(label);
      await fragment.getByRole('button', { name: 'Speel fragment af' }).click();
      await expect(fragment).toHaveAttribute('data-state', 'ended', { timeout: 20_000 });
      const start = Number(await fragment.getAttribute('data-start'));
      const end = Number(await fragment.getAttribute('data-end'));
      expect(Number(await fragment.getAttribute('data-played-from'))).toBeCloseTo(start, 1);
      const to = Number(await fragment.getAttribute('data-played-to'));
      expect(to).toBeGreaterThanOrEqual(end);
      expect(to).toBeLessThan(end + 0.5);
      await expect(fragment.getByTestId('client-questions')).toContainText('Wat vond u ervan?');
      if (n === 1) await page.getByRole('button', { name: 'Volgende fragment' }).click();
    }
    await expect(page.getByText('Dit was het laatste fragment.')).toBeVisible();
    // Every byte came through the tab's session (the worker's header), and only inside the spans.
    expect(media.filter((r) => r.status === 206).length).toBeGreaterThan(0);
    expect(media.every((r) => r.status === 206 || r.status === 416)).toBe(true);
    await client.close();
  });
});
