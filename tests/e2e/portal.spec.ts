import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { accounts, expect, test, type Person } from './fixtures/people.ts';

/**
 * PORTAL-9 The client's form and portal, end to end: the owner makes and prints the form (code and
 * QR code), the client opens the portal in another browser with the code, sees who watched,
 * withdraws one use (a researcher's open player stops), then everything, and downloads the
 * receipt. Every portal screen is scanned by axe at 360 and 1280 px.
 */
const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const inAYear = (): string => new Date(Date.now() + 365 * 24 * 3_600_000).toISOString().slice(0, 10);

async function axeAtBothWidths(page: Page, screen: string, { phone = true } = {}): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
    expect(violations.map((v) => `${screen} @${width}px: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    // Nothing scrolls sideways on a phone (the portal's screens; the staff app is not made for one).
    if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${screen} @${width}px`).toBe(true);
  }
}

async function openRecordings(page: Page): Promise<Locator> {
  await expect(page.getByTestId('cycle-workspace')).toBeVisible();
  const tab = page.getByRole('tab', { name: 'Opnames' });
  if ((await tab.count()) > 0) await tab.click();
  const panel = page.getByTestId('recordings');
  await expect(panel).toBeVisible();
  return panel;
}

async function csrfOf(person: Person): Promise<string> {
  const me = await person.page.request.get('/api/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

test.describe('PORTAL-9 het formulier en de cliëntpagina', () => {
  test('print the form, log in with the code elsewhere, see who watched, withdraw one use and then all, download the receipt', async ({ people }) => {
    test.slow();
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1, 'researcher');
    await owner.cycle.open(cycleId, { step: 'opnames' });
    const mine = await openRecordings(owner.page);
    await mine.getByLabel('Videobestanden kiezen').setInputFiles(sampleMp4);
    const video1 = mine.getByTestId('recording').and(owner.page.locator('[data-label="video 1"]'));
    await expect(video1.getByTestId('recording-file')).toHaveAttribute('data-status', 'ready');

    // Consent recorded (over HTTP; the consent form's own e2e is recordings.spec.ts).
    const csrf = await csrfOf(owner);
    const list = (await (await owner.page.request.get(`/api/cycles/${cycleId}/recordings`)).json()) as { recordings: { id: string }[] };
    const recordingId = list.recordings[0]!.id;
    const consent = await owner.page.request.put(`/api/cycles/${cycleId}/recordings/${recordingId}/consent`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
        clientSignedOn: new Date().toISOString().slice(0, 10),
        managerSignedOn: new Date().toISOString().slice(0, 10),
        recordedBy: accounts.klantmanager.name,
        retentionUntil: inAYear(),
      },
    });
    expect(consent.status(), await consent.text()).toBe(200);
    // The signed form's scan, so that the researcher's playback never waits for it.
    const scan = await owner.page.request.post(`/api/cycles/${cycleId}/recordings/${recordingId}/consent/form`, {
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/pdf' },
      data: Buffer.from('%PDF-1.4\nformulier\n%%EOF\n'),
    });
    expect(scan.status(), await scan.text()).toBe(201);

    // The owner makes the form: the code as text and as a QR code, printable and as a PDF.
    await owner.page.reload();
    await openRecordings(owner.page);
    await video1.getByTestId('client-form-link').click();
    await expect(owner.page).toHaveURL(new RegExp(`/cycli/${cycleId}/formulier/${recordingId}$`));
    await owner.page.getByTestId('make-client-form').click();
    const codeText = owner.page.getByTestId('client-code');
    await expect(codeText).toBeVisible();
    const firstCode = await codeText.textContent();
    // Back later, the code is not shown again; a new one is made only after a warning.
    await owner.page.reload();
    await expect(owner.page.getByTestId('live-code-warning')).toContainText('Er is al een code');
    await expect(codeText).toHaveCount(0);
    await owner.page.getByTestId('make-client-form').click();
    await owner.page.getByRole('dialog', { name: 'Nieuwe code maken?' }).getByRole('button', { name: 'Ja, nieuwe code maken' }).click();
    await expect(codeText).not.toHaveText(firstCode!);
    await expect(codeText).toHaveText(/^[A-Z0-9]{6}(-[A-Z0-9]{6}){3}$/);
    const code = (await codeText.textContent())!;
    await expect(owner.page.getByTestId('client-qr')).toBeVisible();
    await expect(owner.page.getByTestId('client-form')).toContainText('Handtekening klantmanager');
    await axeAtBothWidths(owner.page, 'formulier', { phone: false });
    await owner.page.setViewportSize({ width: 1280, height: 800 });
    await owner.page.emulateMedia({ media: 'print' });
    await expect(owner.page.getByTestId('make-client-form')).toBeHidden();
    await expect(owner.page.getByTestId('client-qr')).toBeVisible();
    await owner.page.emulateMedia({ media: 'screen' });
    const pdf = owner.page.waitForEvent('download');
    await owner.page.getByTestId('download-client-form').click();
    expect((await pdf).suggestedFilename()).toBe('toestemmingsformulier.pdf');

    // A researcher opens the recording and plays it.
    const researcher = await people.join('onderzoeker1', cycleId);
    const theirs = await openRecordings(researcher.page);
    const theirVideo = theirs.getByTestId('recording').and(researcher.page.locator('[data-label="video 1"]'));
    await expect(theirVideo).toHaveAttribute('data-may-play', 'true');
    await theirVideo.getByRole('button', { name: 'video 1, bestand 1 bekijken' }).click();
    const player = theirVideo.getByTestId('recording-video');
    await player.evaluate(async (el) => {
      const v = el as HTMLVideoElement;
      v.muted = true;
      await v.play();
    });
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).currentTime)).toBeGreaterThan(0.2);

    // The client, in another browser, without an account: first the code screen.
    const client = await people.arrive('collega', { loggedIn: false });
    await client.page.goto('/client');
    await expect(client.page.getByTestId('portal-entry')).toBeVisible();
    await axeAtBothWidths(client.page, 'code invullen');
    await client.page.getByTestId('portal-code').fill('ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ');
    await client.page.getByTestId('portal-submit').click();
    await expect(client.page.getByTestId('portal-error')).toContainText('Deze code klopt niet');
    await axeAtBothWidths(client.page, 'verkeerde code');

    // Then by the QR code's link: the code is read from the fragment and removed from the address.
    await client.page.goto(`/client#code=${code}`);
    await expect(client.page.getByTestId('portal-overview')).toBeVisible();
    expect(new URL(client.page.url()).hash).toBe('');
    expect(await client.page.evaluate(() => Object.keys(sessionStorage))).toEqual(['kijkruimte.client']);
    expect((await client.context.cookies()).length).toBe(0);
    const firstName = accounts.onderzoeker1.name.split(' ')[0]!;
    await expect(client.page.getByTestId('portal-access')).toContainText(new RegExp(`onderzoeker ${firstName}, \\d{1,2} \\w+, \\d{2}:\\d{2} — bekeken`));
    await expect(client.page.getByTestId('portal-access')).not.toContainText(accounts.onderzoeker1.name);
    await expect(client.page.getByTestId('portal-retention')).toContainText('Tot ');
    await axeAtBothWidths(client.page, 'overzicht');

    // Withdraw one use, by keyboard: the researcher's open player stops at once.
    await client.page.setViewportSize({ width: 1280, height: 800 });
    await client.page.getByTestId('withdraw-researchers').focus();
    await client.page.keyboard.press('Enter');
    const dialog = client.page.getByRole('dialog', { name: 'Toestemming intrekken' });
    await expect(dialog).toBeVisible();
    await axeAtBothWidths(client.page, 'intrekken bevestigen');
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await expect(client.page.getByTestId('portal-notice')).toContainText('ingetrokken');
    await expect(client.page.locator('[data-testid="portal-use"][data-use="researchers"]')).toHaveAttribute('data-granted', 'false');
    await expect(theirVideo.getByTestId('playback-stopped')).toBeVisible();
    await expect(theirs.locator('video')).toHaveCount(0);

    // Withdraw everything (notes stay without media): the receipt, then its PDF.
    await client.page.getByTestId('scope-media').check();
    await client.page.getByTestId('withdraw-all').click();
    await client.page.getByRole('dialog', { name: 'Alles intrekken en wissen?' }).getByRole('button', { name: 'Ja, alles wissen' }).click();
    await expect(client.page.getByTestId('portal-receipt')).toBeVisible();
    await expect(client.page.getByTestId('receipt-number')).toHaveText(/^W-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(client.page.getByTestId('portal-receipt')).toContainText('De video-opname (beeld en geluid)');
    await expect(client.page.getByTestId('portal-receipt')).toContainText('De scan van het getekende formulier');
    await axeAtBothWidths(client.page, 'bewijs van wissen');
    const receipt = client.page.waitForEvent('download');
    await client.page.getByTestId('receipt-download').click();
    expect((await receipt).suggestedFilename()).toMatch(/^bewijs-van-wissen-W-.+\.pdf$/);

    // Back to the overview: erased, and the receipt can be opened again.
    await client.page.getByRole('button', { name: 'Terug naar het overzicht' }).click();
    await expect(client.page.getByTestId('portal-erased')).toBeVisible();
    await client.page.getByTestId('portal-receipt-link').click();
    await expect(client.page.getByTestId('portal-receipt')).toBeVisible();
  });
});
