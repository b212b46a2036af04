import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { consentRefusalMessages, recordingErasedMessage } from '../../shared/domain/consent.ts';
import { errorCatalogue } from '../../shared/errors/index.ts';
import { accounts, expect, test, type Person } from './fixtures/people.ts';
import { scanPdf } from '../helpers/consent-scan.ts';

/**
 * Recordings: resumable upload with progress, consent per use, playback only where the consent
 * covers the viewer's role, and withdrawal with erasure that cuts viewers off at once.
 * Several browser contexts are several people; nothing waits on time, only on the page's state.
 */
const media = path.resolve(import.meta.dirname, '../fixtures/media');
const sampleMp4 = path.join(media, 'sample.mp4');

const inAYear = (): string => new Date(Date.now() + 365 * 24 * 3_600_000).toISOString().slice(0, 10);

class Recordings {
  readonly panel: Locator;
  readonly input: Locator;
  readonly uploads: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('recordings');
    this.input = this.panel.getByLabel('Videobestanden kiezen');
    this.uploads = this.panel.getByTestId('upload-item');
    this.list = this.panel.getByTestId('recording');
  }

  /**
   * Brings the panel into view: in the reflection room it is the side tab "Opnames" (the tab
   * panels stay mounted but hidden); on a page without tabs it is simply there.
   */
  async show(): Promise<void> {
    await expect(this.page.getByTestId('cycle-workspace')).toBeVisible();
    const tab = this.page.getByRole('tab', { name: 'Opnames' });
    if ((await tab.count()) > 0) await tab.click();
    await expect(this.panel).toBeVisible();
  }

  upload(fileName: string): Locator {
    return this.uploads.and(this.page.locator(`[data-file-name="${fileName}"]`));
  }

  progressOf(fileName: string): Locator {
    return this.upload(fileName).getByRole('progressbar');
  }

  recording(label: string): Locator {
    return this.list.and(this.page.locator(`[data-label="${label}"]`));
  }

  async percent(fileName: string): Promise<number> {
    return Number(await this.progressOf(fileName).getAttribute('aria-valuenow'));
  }
}

const devtools = new WeakMap<Page, CDPSession>();

/** Slows this person's uploads down (DevTools network emulation), so progress can be watched. */
async function throttle(page: Page, bytesPerSecond: number | null, { offline = false } = {}): Promise<void> {
  let cdp = devtools.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    devtools.set(page, cdp);
  }
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}

/**
 * A TCP proxy in front of the server whose connections can be cut at will: the network drops in
 * the middle of an upload (open connections reset, new ones refused) and comes back later.
 */
async function startDroppingProxy(targetPort: number): Promise<{
  origin: string;
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    cut: () => {
      refusing = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore: () => {
      refusing = false;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function recordConsent(owner: Person, label: string, decisions: Record<string, 'Ja' | 'Nee'>): Promise<void> {
  const rec = new Recordings(owner.page).recording(label);
  await rec.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  const form = rec.getByTestId('consent-form');
  for (const [use, answer] of Object.entries(decisions)) {
    await form.getByRole('group', { name: use }).getByLabel(answer, { exact: true }).check();
  }
  await form.getByLabel('Wie heeft het gesprek opgenomen').fill(owner.account.name);
  await form.getByLabel('Grondslag (optioneel)').fill('Toestemming van de cliënt, ondertekend formulier.');
  await form.getByLabel('Bewaren tot en met').fill(inAYear());
  // The signed form's scan: without it only the owner plays (SCANGATE-1, on by default).
  await form.getByLabel('Scan van het ondertekende formulier').setInputFiles({ name: 'formulier.pdf', mimeType: 'application/pdf', buffer: scanPdf() });
  await form.getByRole('button', { name: 'Toestemming opslaan' }).click();
  await expect(form).toHaveCount(0);
  await expect(rec).toHaveAttribute('data-consent', 'recorded');
}

test.describe('opnames en toestemming', () => {
  test('upload with progress, consent per use, a researcher plays, a colleague is refused, complete withdrawal erases and stops playback', async ({ people }) => {
    // Three people, an upload, playback and an erasure in one journey: more than the default budget.
    test.slow();
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1, 'researcher');
    await owner.addMember(cycleId, accounts.collega, 'colleague');
    await owner.cycle.open(cycleId);
    const mine = new Recordings(owner.page);
    await mine.show();
    await expect(mine.panel.getByTestId('recordings-empty')).toBeVisible();

    // The upload is slowed down so the bar can be seen moving; pause and resume on the way.
    await throttle(owner.page, 48 * 1024);
    await mine.input.setInputFiles(sampleMp4);
    const bar = mine.progressOf('sample.mp4');
    await expect(bar).toHaveAttribute('aria-valuemin', '0');
    await expect(bar).toHaveAttribute('aria-valuemax', '100');
    await expect.poll(() => mine.percent('sample.mp4')).toBeGreaterThan(0);
    await expect(mine.upload('sample.mp4').getByTestId('upload-numbers')).toContainText(/\d+ % \(.+ van 207 kB\)/);
    await mine.upload('sample.mp4').getByRole('button', { name: 'Pauzeren' }).click();
    await expect(mine.upload('sample.mp4')).toHaveAttribute('data-phase', 'paused');
    const pausedAt = await mine.percent('sample.mp4');
    expect(pausedAt).toBeLessThan(100);
    await throttle(owner.page, null);
    await mine.upload('sample.mp4').getByRole('button', { name: 'Hervatten' }).click();
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    await expect(mine.upload('sample.mp4')).toHaveAttribute('data-phase', 'done');
    expect(pausedAt).toBeLessThan(100);

    // Listed as "video 1"; until consent is recorded only the owner may play it.
    const video1 = mine.recording('video 1');
    await expect(video1).toBeVisible();
    await expect(video1.getByTestId('recording-file')).toContainText('duur 0:10');
    await expect(video1).toHaveAttribute('data-consent', 'none');
    await expect(video1.getByTestId('owner-only-note')).toContainText('kun alleen jij deze opname bekijken');
    await expect(mine.panel.locator('a[download]')).toHaveCount(0);

    // A researcher who opens the cycle before consent is recorded cannot play it.
    const researcher = await people.join('onderzoeker1', cycleId);
    const theirs = new Recordings(researcher.page);
    await theirs.show();
    await expect(theirs.recording('video 1')).toHaveAttribute('data-may-play', 'false');
    await expect(theirs.recording('video 1').getByTestId('play-refusal')).toHaveText(
      'Er is nog geen toestemming van de cliënt vastgelegd. Tot die tijd kan alleen de klantmanager de opname bekijken.',
    );

    // The owner records the client's consent: researchers yes, colleagues (intervisie) no.
    await recordConsent(owner, 'video 1', {
      'Eigen gebruik (klantmanager)': 'Ja',
      'Onderzoekers en coach': 'Ja',
      'Collega’s (intervisie)': 'Nee',
      'Trainingen en presentaties': 'Nee',
      'Cliënt mag benaderd worden voor een interview': 'Ja',
    });
    await expect(video1.getByTestId('owner-only-note')).toHaveCount(0);
    await expect(video1.locator('[data-testid="consent-decision"][data-use="colleagues"]')).toHaveAttribute('data-granted', 'false');
    await expect(video1.locator('[data-testid="consent-decision"][data-use="researchers"]')).toHaveAttribute('data-granted', 'true');
    await video1.getByRole('button', { name: 'Geschiedenis van de toestemming' }).click();
    await expect(video1.getByTestId('history-event')).toHaveCount(1);
    await expect(video1.getByTestId('history-event')).toContainText(`${accounts.klantmanager.name} legde de toestemming vast`);
    await expect(video1.getByTestId('history-event')).toContainText('Collega’s (intervisie): nee');

    // The researcher (coming back to the tab) may play it now, and it plays.
    await researcher.page.reload();
    await theirs.show();
    await expect(theirs.recording('video 1')).toHaveAttribute('data-may-play', 'true');
    await theirs.recording('video 1').getByRole('button', { name: 'video 1, bestand 1 bekijken' }).click();
    const player = theirs.recording('video 1').getByTestId('recording-video');
    await expect(player).toHaveAttribute('controlslist', /nodownload/);
    await player.evaluate(async (el) => {
      const v = el as HTMLVideoElement;
      v.muted = true;
      await v.play();
    });
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).currentTime)).toBeGreaterThan(0.2);
    await expect(theirs.panel.locator('a[download]')).toHaveCount(0);

    // The colleague (intervisie) sees the Dutch refusal, no player, and the stream refuses too.
    // (Without consent for intervision the server does not open the cycle's live document to
    // colleagues either, so this page is not waited on to sync.)
    const colleague = await people.arrive('collega');
    await colleague.page.goto(`/cycli/${cycleId}`);
    const hers = new Recordings(colleague.page);
    await hers.show();
    await expect(hers.recording('video 1')).toHaveAttribute('data-may-play', 'false');
    await expect(hers.recording('video 1').getByTestId('play-refusal')).toHaveText(consentRefusalMessages.colleagues);
    await expect(hers.panel.getByRole('button', { name: /bekijken/ })).toHaveCount(0);
    await expect(hers.panel.locator('video')).toHaveCount(0);
    const mediaId = await video1.getByTestId('recording-file').getAttribute('data-media-id');
    const refused = await colleague.page.request.get(`/api/media/${mediaId}`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('consent_missing');

    // Complete withdrawal: a clear confirmation, then the recording is erased.
    await video1.getByRole('button', { name: 'Alle toestemming intrekken en opname wissen' }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Alle toestemming intrekken?' });
    await expect(dialog).toContainText('definitief gewist');
    await expect(dialog).toContainText('Dit kan niet ongedaan worden gemaakt.');
    await expect(dialog).toContainText('Observaties, agenda en verslag blijven bewaard.');
    await dialog.getByRole('button', { name: 'Ja, intrekken en wissen' }).click();
    await expect(dialog).toBeHidden();
    await expect(video1).toHaveAttribute('data-erased', 'true');
    await expect(video1.getByTestId('erased-note')).toContainText(/^Opname gewist op .+ \(toestemming ingetrokken\)\./);
    await expect(video1.getByTestId('history-event').last()).toHaveAttribute('data-kind', 'erased');

    // The researcher's playback stops at once, with the reason.
    await expect(theirs.recording('video 1')).toHaveAttribute('data-erased', 'true');
    await expect(theirs.recording('video 1').getByTestId('playback-stopped')).toContainText(recordingErasedMessage);
    await expect(theirs.panel.locator('video')).toHaveCount(0);
    await expect(theirs.panel.getByTestId('consent-changed')).toBeVisible();
    const gone = await researcher.page.request.get(`/api/media/${mediaId}`);
    expect(gone.status()).toBe(410);
  });

  test('a file that is not a video is refused with a Dutch message and nothing is listed', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId);
    const mine = new Recordings(owner.page);
    await mine.show();
    await expect(mine.panel.getByTestId('recordings-empty')).toBeVisible();

    await mine.input.setInputFiles({
      name: 'gesprek.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.from('Dit is geen video maar een tekstbestand met de extensie .mp4.\n'.repeat(200)),
    });
    await expect(mine.upload('gesprek.mp4')).toHaveAttribute('data-phase', 'failed');
    await expect(mine.upload('gesprek.mp4').getByTestId('upload-error')).toHaveText(errorCatalogue.unsupported_media.message);
    await expect(mine.list).toHaveCount(0);
    await owner.page.reload();
    await mine.show();
    await expect(mine.panel.getByTestId('recordings-empty')).toBeVisible();
    await expect(mine.uploads).toHaveCount(0);
  });

  test('an upload survives a dropped connection and a page reload (the same file chosen again)', async ({ people, baseURL }, testInfo) => {
    test.slow();
    // A 2.9 MiB recording: the committed 10-second MP4 plus a trailing `free` box (players skip it).
    const fileName = 'gesprek-lang.mp4';
    const longFile = testInfo.outputPath(fileName);
    const padding = crypto.randomBytes(2_800_000);
    const box = Buffer.alloc(8);
    box.writeUInt32BE(8 + padding.length, 0);
    box.write('free', 4, 'latin1');
    fs.writeFileSync(longFile, Buffer.concat([fs.readFileSync(sampleMp4), box, padding]));

    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    const proxy = await startDroppingProxy(Number(new URL(baseURL!).port));
    try {
      // The session cookie is per host, so the page works the same through the proxy.
      await owner.page.goto(`${proxy.origin}/cycli/${cycleId}`);
      await owner.cycle.waitUntilSynced();
      const mine = new Recordings(owner.page);
      await mine.show();
      const tusRequests: string[] = [];
      owner.page.on('request', (request) => {
        if (/\/uploads/.test(request.url())) tusRequests.push(`${request.method()} ${request.headers()['upload-offset'] ?? ''}`.trim());
      });
      const patchOffsets = (): number[] => tusRequests.filter((r) => r.startsWith('PATCH')).map((r) => Number(r.split(' ')[1]));

      await throttle(owner.page, 512 * 1024);
      await mine.input.setInputFiles(longFile);
      const upload = mine.upload(fileName);
      await expect(upload.getByTestId('upload-numbers')).toContainText(/ van 2,9 MB\) · .+\/s · nog ongeveer /);
      await expect.poll(() => mine.percent(fileName)).toBeGreaterThanOrEqual(45);

      // The network drops in the middle of the upload: after tus's own quick retries the upload
      // says so and waits; when the network is back it asks the server how far it got (HEAD) and
      // continues from there with a PATCH past zero, on the same upload.
      proxy.cut();
      await expect(upload).toHaveAttribute('data-phase', 'waiting');
      await expect(upload.getByTestId('upload-phase')).toHaveText(/verbinding verbroken/);
      proxy.restore();
      await throttle(owner.page, 96 * 1024);
      await upload.getByRole('button', { name: 'Nu opnieuw proberen' }).click();
      await expect.poll(() => patchOffsets().length).toBeGreaterThanOrEqual(2);
      expect(patchOffsets()[0]).toBe(0);
      expect(patchOffsets()[1]).toBeGreaterThan(0);
      expect(tusRequests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
      await expect(upload).toHaveAttribute('data-phase', 'uploading');
      const afterDrop = await mine.percent(fileName);
      await expect.poll(() => mine.percent(fileName)).toBeGreaterThan(afterDrop);

      // A reload in the middle: the unfinished upload is offered for resuming.
      await owner.page.reload();
      await owner.cycle.waitUntilSynced();
      await mine.show();
      await expect(upload).toHaveAttribute('data-phase', 'interrupted');
      await expect(upload).toContainText(`Kies hetzelfde bestand (${fileName}, 2,9 MB) opnieuw`);
      await expect.poll(() => mine.percent(fileName)).toBeGreaterThan(0);
      expect(await mine.percent(fileName)).toBeLessThan(100);
      await expect(mine.recording('video 1').getByTestId('recording-file')).toHaveAttribute('data-status', 'uploading');

      // Another file is not accepted as the same one.
      let chooser = owner.page.waitForEvent('filechooser');
      await upload.getByRole('button', { name: 'Hervat upload' }).click();
      await (await chooser).setFiles(sampleMp4);
      await expect(upload.getByTestId('upload-error')).toContainText('Dit is niet hetzelfde bestand');
      await expect(upload).toHaveAttribute('data-phase', 'interrupted');

      // The same file continues where the server left off (not from zero) and completes.
      await throttle(owner.page, null);
      tusRequests.length = 0;
      chooser = owner.page.waitForEvent('filechooser');
      await upload.getByRole('button', { name: 'Hervat upload' }).click();
      await (await chooser).setFiles(longFile);
      await expect(mine.progressOf(fileName)).toHaveAttribute('aria-valuenow', '100');
      await expect(upload).toHaveAttribute('data-phase', 'done');
      await expect(mine.recording('video 1').getByTestId('recording-file')).toHaveAttribute('data-status', 'ready');
      await expect(mine.recording('video 1').getByTestId('recording-file')).toContainText('duur 0:10');
      expect(tusRequests[0]).toBe('HEAD');
      expect(tusRequests.filter((r) => r.startsWith('POST'))).toEqual([]);
      expect(patchOffsets()[0]).toBeGreaterThan(0);
      expect(await owner.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kijkruimte.uploads')))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
