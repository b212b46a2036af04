import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { scanPdf } from '../helpers/consent-scan.ts';
import { accounts, expect, test, uniqueTitle, type Person } from './fixtures/people.ts';
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
    // Every byte came through the tab's session (the worker's header), from the fragments' own
    // files (each holds only its fragment: nothing else of the recording exists at that address).
    expect(media.filter((r) => r.status === 206).length).toBeGreaterThan(0);
    expect(media.every((r) => r.status === 200 || r.status === 206)).toBe(true);
    await client.close();
  });
});

const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');
const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Uploads the sample recording over the tus endpoint (creation, one PATCH), without consent. */
async function uploadRecording(owner: Person, cycleId: string): Promise<void> {
  const { csrfToken } = (await (await owner.page.request.get('/api/me')).json()) as { csrfToken: string };
  const data = fs.readFileSync(sampleMp4);
  const tus = { 'tus-resumable': '1.0.0', 'x-csrf-token': csrfToken };
  const created = await owner.page.request.post(`/api/cycles/${cycleId}/uploads`, { headers: { ...tus, 'upload-length': String(data.length) } });
  expect(created.status()).toBe(201);
  const patched = await owner.page.request.patch(created.headers()['location']!, {
    headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    data,
  });
  expect(patched.status()).toBe(204);
}

function recordingCard(person: Person, label: string): Locator {
  return person.page.getByTestId('recording').and(person.page.locator(`[data-label="${label}"]`));
}

test.describe('toestemming: twee handtekeningen en de scan', () => {
  test('CONSENT-SIGN-1 SCANGATE-1 the owner records both signatures’ dates; the researcher sees “nog geen scan” until the owner uploads the scan', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1, 'researcher');
    await uploadRecording(owner, cycleId);
    await owner.cycle.open(cycleId, { step: 'opnames' });
    const mine = recordingCard(owner, 'video 1');
    await mine.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    const form = mine.getByTestId('consent-form');
    for (const [use, answer] of [['Eigen gebruik (klantmanager)', 'Ja'], ['Onderzoekers en coach', 'Ja'], ['Collega’s (intervisie)', 'Nee'],
      ['Trainingen en presentaties', 'Nee'], ['Cliënt mag benaderd worden voor een interview', 'Ja']] as const) {
      await form.getByRole('group', { name: use }).getByLabel(answer, { exact: true }).check();
    }
    await form.getByLabel('Datum handtekening cliënt').fill(isoDay(-2));
    // A date after today is refused in the form, with the reason at the field.
    await form.getByLabel('Datum handtekening klantmanager').fill(isoDay(2));
    await form.getByLabel('Wie heeft het gesprek opgenomen').fill(owner.account.name);
    await form.getByLabel('Bewaren tot en met').fill(isoDay(365));
    await form.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await expect(form.getByText('Deze datum ligt in de toekomst.', { exact: false })).toBeVisible();
    await expect(form.getByLabel('Datum handtekening klantmanager')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Datum handtekening klantmanager').fill(isoDay(-1));
    await form.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await expect(form).toHaveCount(0);
    await expect(mine.getByTestId('consent-pill')).toHaveText('nog geen scan');
    await expect(mine.getByTestId('consent-signed')).toBeVisible();
    await mine.getByRole('button', { name: 'Geschiedenis van de toestemming' }).click();
    await expect(mine.getByTestId('history-event')).toContainText('getekend door de cliënt op');

    // The researcher: consent is there, the scan is not, so no playback and the reason in Dutch.
    const researcher = await people.join('onderzoeker1', cycleId);
    await researcher.page.goto(`/cycli/${cycleId}/opnames`);
    const theirs = recordingCard(researcher, 'video 1');
    await expect(theirs).toHaveAttribute('data-may-play', 'false');
    await expect(theirs.getByTestId('consent-pill')).toHaveText('nog geen scan');
    await expect(theirs.getByTestId('play-refusal')).toHaveText('Het getekende toestemmingsformulier is nog niet geüpload.');

    // The owner adds the scan; the researcher's list follows without a reload.
    await mine.getByRole('button', { name: 'Toestemming wijzigen' }).click();
    await mine.getByLabel('Scan van het ondertekende formulier').setInputFiles({ name: 'formulier.pdf', mimeType: 'application/pdf', buffer: scanPdf() });
    await mine.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await expect(mine.getByTestId('consent-pill')).toHaveText('toestemming vastgelegd');
    await expect(theirs).toHaveAttribute('data-may-play', 'true');
    await expect(theirs.getByTestId('consent-pill')).toHaveText('toestemming vastgelegd');
  });
});

test.describe('een cyclus verwijderen', () => {
  test('DELETE-1 DELETE-2 the owner deletes a cycle by typing its title; an open member is told, a receipt remains (also as PDF)', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const title = uniqueTitle('Te verwijderen');
    const cycleId = await owner.createCycle(title);
    await owner.addMember(cycleId, accounts.onderzoeker1, 'researcher');
    const researcher = await people.join('onderzoeker1', cycleId);
    await owner.cycle.open(cycleId);

    await owner.page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    const dialog = owner.page.getByTestId('delete-cycle-dialog');
    await expect(dialog).toBeVisible();
    await expectNoViolations(owner.page, 'cyclus verwijderen');
    const field = dialog.getByLabel(/Typ ter bevestiging de titel/);
    await field.fill(title.toUpperCase());
    await owner.page.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await expect(dialog.getByText('Dit is niet de titel van de cyclus.')).toBeVisible();
    await field.fill(title);
    await owner.page.getByRole('button', { name: 'Definitief verwijderen' }).click();

    const receipt = owner.page.getByTestId('deletion-receipt');
    await expect(receipt.getByTestId('receipt-number')).toHaveText(/^VW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(owner.page).toHaveURL(/\/verwijderd\/VW-/);
    await expect(receipt.getByTestId('receipt-members')).toHaveText('2');
    await expect(receipt).not.toContainText(title);
    await expectNoViolations(owner.page, 'bewijs van verwijdering');
    // DELETE-2: the same receipt as a PDF, for the owner only.
    const number = await receipt.getByTestId('receipt-number').innerText();
    const pdfHref = await receipt.getByTestId('receipt-pdf').getAttribute('href');
    expect(pdfHref).toBe(`/api/deletion-receipts/${number}/pdf`);
    const pdf = await owner.page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await researcher.page.request.get(pdfHref!)).status()).toBe(404);

    // The researcher who had it open is told; the cycle is gone for everyone.
    await expect(researcher.page.getByText('Deze cyclus is verwijderd, met alles erin.').first()).toBeVisible();
    for (const person of [owner, researcher]) {
      const { cycles } = (await (await person.page.request.get('/api/cycles')).json()) as { cycles: { id: string }[] };
      expect(cycles.map((c) => c.id)).not.toContain(cycleId);
    }
  });
});
