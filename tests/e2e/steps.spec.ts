import fs from 'node:fs';
import path from 'node:path';
import { reportTemplate } from '../../shared/kijkwijzer/reflection.ts';
import { addRecordingWithConsent, send } from './fixtures/analysis.ts';
import { accounts, expect, test, type Person } from './fixtures/people.ts';
import { RoomView, watchMuted } from './fixtures/room.ts';

/**
 * A good first day for a new team: the cycle page in the method's order with the step in the
 * address, analysing alone, recordings that appear without a reload, a report template whose
 * guide questions are placeholders, and a wrong file refused before it is sent. Several browser
 * contexts are several people; every wait is on what the page shows.
 */
const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');

/** The step names in the order of the step list (the step numbers are not part of the names). */
async function stepNames(person: Person): Promise<string[]> {
  return person.page.getByTestId('step-list').getByRole('tab').evaluateAll((tabs) => tabs.map((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return copy.textContent ?? '';
  }));
}

/** Uploads a file over tus (creation + one PATCH) without recording any consent. */
async function uploadOnly(owner: Person, cycleId: string, file: string): Promise<void> {
  const me = await owner.page.request.get('/api/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const data = fs.readFileSync(file);
  const headers = { 'tus-resumable': '1.0.0', 'x-csrf-token': csrfToken };
  const created = await owner.page.request.post(`/api/cycles/${cycleId}/uploads`, { headers: { ...headers, 'upload-length': String(data.length) } });
  expect(created.status(), await created.text()).toBe(201);
  const patched = await owner.page.request.patch(created.headers()['location']!, { headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, data });
  expect(patched.status(), await patched.text()).toBe(204);
}

test.describe('een goede eerste dag', () => {
  test('STEP-1 STEP-2 a new cycle opens on its first unfinished step, the steps follow the method, the step lives in the address and a keyboard reaches the steps at once', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId, { step: null });

    // Nothing recorded yet: the cycle opens on its first step, and the address says so.
    await expect(owner.page).toHaveURL(new RegExp(`/cycli/${cycleId}/opnames$`));
    await expect(owner.page.getByRole('tab', { name: 'Opnames & toestemming' })).toHaveAttribute('aria-selected', 'true');
    expect(await stepNames(owner)).toEqual(['Opnames & toestemming', 'Intake', 'Analyse', 'Cliëntinterview', 'Agenda', 'Fragmenten', 'Verslag', 'Aandachtspunten', 'Export']);

    // The chosen step is kept in the address, so a reload opens it again.
    await owner.page.getByRole('tab', { name: 'Intake', exact: true }).click();
    await expect(owner.page).toHaveURL(new RegExp(`/cycli/${cycleId}/intake$`));
    await owner.cycle.reload();
    await expect(owner.page.getByRole('tab', { name: 'Intake', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(owner.page.getByTestId('doubt-add')).toBeVisible();

    // From the top of the page: "Naar de inhoud", then "Naar de stappen" leads into the step list.
    await owner.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await owner.page.keyboard.press('Tab');
    await expect(owner.page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
    await owner.page.keyboard.press('Enter');
    await owner.page.keyboard.press('Tab');
    await expect(owner.page.getByTestId('skip-to-steps')).toBeFocused();
    await owner.page.keyboard.press('Enter');
    await expect(owner.page.getByRole('tab', { name: 'Intake', exact: true })).toBeFocused();
    await owner.page.keyboard.press('ArrowLeft');
    await expect(owner.page).toHaveURL(new RegExp(`/cycli/${cycleId}/opnames$`));

    // With a recording and an intake, the next unfinished step is the analysis.
    await addRecordingWithConsent(owner, cycleId, sampleMp4, { own: true, researchers: true, colleagues: false, training: false, clientInterview: false });
    await owner.page.getByRole('tab', { name: 'Intake', exact: true }).click();
    const form = owner.page.getByTestId('doubt-add');
    await form.getByTestId('doubt-add-input').fill('Was mijn vraag te gesloten?');
    await form.getByTestId('doubt-add-submit').click();
    await expect(owner.page.getByTestId('doubt').filter({ hasText: 'Was mijn vraag te gesloten?' })).toBeVisible();
    await owner.page.goto(`/cycli/${cycleId}`);
    await expect(owner.page).toHaveURL(new RegExp(`/cycli/${cycleId}/analyse$`));
  });

  test('PLAY-9 in Analyse each researcher watches alone: one researcher\'s play moves nobody else\'s player; the reflectiegesprek watches together', async ({ people }) => {
    test.setTimeout(90_000);
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    await owner.addMember(cycleId, accounts.onderzoeker2);
    await addRecordingWithConsent(owner, cycleId, sampleMp4, { own: true, researchers: true, colleagues: false, training: false, clientInterview: false });
    const a = await people.arrive('onderzoeker1');
    const b = await people.arrive('onderzoeker2');
    await watchMuted(a.context);
    await watchMuted(b.context);
    await a.cycle.open(cycleId, { step: 'analyse' });
    await b.cycle.open(cycleId, { step: 'analyse' });
    const roomA = new RoomView(a.page);
    const roomB = new RoomView(b.page);
    await roomA.waitReady();
    await roomB.waitReady();
    await expect(roomA.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    await expect(roomB.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    const seqBefore = await roomB.seq();

    // A plays; her video runs, B's stays where it was and no group command was written.
    await roomA.playToggle.click();
    await expect.poll(() => roomA.video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(1);
    expect(await roomB.video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, at: v.currentTime }))).toEqual({ paused: true, at: 0 });
    expect(await roomB.seq()).toBe(seqBefore);
    await expect(b.page.getByText(`Laatst bediend door ${accounts.onderzoeker1.name}`)).toHaveCount(0);

    // ANALYSE-3 marking a moment stops A's own video and puts the caret in the observation's text.
    await a.page.getByTestId('observation-mark').click();
    await expect(a.page.getByTestId('observation-form').getByLabel('Wat zie je?')).toBeFocused();
    await expect.poll(() => roomA.video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

    // In the reflectiegesprek the room watches together by default.
    await b.page.getByRole('tab', { name: 'Verslag', exact: true }).click();
    await expect(roomB.video).toHaveAttribute('data-follow-mode', 'volgen');
  });

  test('PLAY-10 the group runs only while someone follows: when the last follower leaves, the transport pauses', async ({ people }) => {
    test.setTimeout(90_000);
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    await addRecordingWithConsent(owner, cycleId, sampleMp4, { own: true, researchers: true, colleagues: false, training: false, clientInterview: false });
    const researcher = await people.arrive('onderzoeker1');
    await watchMuted(owner.context);
    await watchMuted(researcher.context);
    await owner.cycle.open(cycleId, { step: 'verslag' });
    await researcher.cycle.open(cycleId, { step: 'verslag' });
    const mine = new RoomView(owner.page);
    const theirs = new RoomView(researcher.page);
    await mine.waitReady();
    await theirs.waitReady();
    await expect(mine.video).toHaveAttribute('data-follow-mode', 'volgen');

    // Both follow; the klantmanager plays, then goes her own way: the researcher still follows.
    await mine.playToggle.click();
    await expect(theirs.video).toHaveAttribute('data-transport-playing', 'true');
    const seq = await theirs.seq();
    await owner.page.getByTestId('mode-alone').click();
    await expect(mine.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    await expect(theirs.video).toHaveAttribute('data-transport-playing', 'true');
    expect(await theirs.seq()).toBe(seq);
    // The researcher decides on leaving from what they know: wait until they have seen her go.
    await expect(researcher.page.locator(`[data-testid="presence-item"][data-self="false"][data-name="${accounts.klantmanager.name}"]`)).toHaveAttribute('data-mode', 'zelfstandig');

    // The researcher, the last follower, closes the cycle: the group's video stops where it was.
    await researcher.page.goto('/cycli');
    // Rejoin only once the researcher has gone: their page decides on leaving, and would not pause
    // if it still saw the klantmanager following again (the socket closes after that decision).
    await expect(owner.page.locator(`[data-testid="presence-item"][data-self="false"][data-name="${accounts.onderzoeker1.name}"]`)).toHaveCount(0);
    await owner.page.getByTestId('rejoin').click();
    await expect(mine.video).toHaveAttribute('data-follow-mode', 'volgen');
    await expect(mine.video).toHaveAttribute('data-transport-playing', 'false');
    await expect(owner.page.getByTestId('play-toggle')).toBeEnabled();
  });

  test('MEDIA-8 CONSENT-6 a finished upload appears in another open player and recordings list without a reload', async ({ people }) => {
    const uploader = await people.arrive('klantmanager');
    const watcher = await people.arrive('klantmanager');
    await watchMuted(watcher.context);
    const cycleId = await uploader.createCycle();
    await watcher.cycle.open(cycleId, { step: 'opnames' });
    await expect(watcher.page.getByTestId('room-empty')).toBeVisible();
    await expect(watcher.page.getByTestId('recordings-empty')).toBeVisible();

    await uploadOnly(uploader, cycleId, sampleMp4);

    // No reload: the server's signal in the cycle document makes both re-read.
    await expect(watcher.page.getByTestId('recordings').getByTestId('recording')).toHaveCount(1);
    await expect(watcher.page.getByTestId('room-empty')).toHaveCount(0);
    await new RoomView(watcher.page).waitReady();
  });

  test('CONSENT-6 after one video\'s consent is withdrawn, the researcher\'s player offers the video they may still watch, without a reload', async ({ people }) => {
    test.setTimeout(90_000);
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    const both = { own: true, researchers: true, colleagues: false, training: false, clientInterview: false };
    const first = await addRecordingWithConsent(owner, cycleId, sampleMp4, both);
    await addRecordingWithConsent(owner, cycleId, sampleMp4, both);
    const researcher = await people.arrive('onderzoeker1');
    await watchMuted(researcher.context);
    await researcher.cycle.open(cycleId, { step: 'analyse' });
    const room = new RoomView(researcher.page);
    await room.waitReady();
    const select = researcher.page.getByTestId('media-select');
    await expect(select.locator('option')).toHaveCount(2);
    await select.selectOption({ index: 0 });
    const firstLabel = await select.locator('option').nth(0).textContent();
    const secondLabel = await select.locator('option').nth(1).textContent();
    await expect(room.video).toHaveAttribute('aria-label', `Opname ${firstLabel}`);

    await send(owner, 'post', `/api/cycles/${cycleId}/recordings/${first}/consent/withdraw`, { uses: ['researchers'] });

    await expect(room.video).toHaveAttribute('aria-label', `Opname ${secondLabel}`);
    await room.waitReady();
    await expect(researcher.page.getByTestId('media-select')).toHaveCount(0);
  });

  test('EXPORT-2 LEARN-1 the report template shows its guide questions as placeholders: typing after one is plain text, and a fresh cycle exports none of them', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId, { step: 'verslag' });
    const prompts = owner.cycle.editor.locator('p.is-section-prompt');
    await expect(prompts).toHaveCount(reportTemplate.length);
    await expect(prompts.first()).toHaveAttribute('data-placeholder', reportTemplate[0]!.prompt);

    const markdown = async (): Promise<string> => {
      const response = await owner.page.request.get(`/api/cycles/${cycleId}/export.md`);
      expect(response.status()).toBe(200);
      return response.text();
    };
    const fresh = await markdown();
    for (const section of reportTemplate) expect(fresh).not.toContain(section.prompt);

    // Typing in the first section: plain text, the question disappears there only.
    await prompts.first().click();
    await owner.cycle.type('Eerste kennismaking na de zomer.');
    await expect(prompts).toHaveCount(reportTemplate.length - 1);
    await expect(owner.cycle.editor.locator('p', { hasText: 'Eerste kennismaking na de zomer.' }).locator('em')).toHaveCount(0);
    await expect.poll(markdown).toContain('Eerste kennismaking na de zomer.');
    const written = await markdown();
    expect(written).not.toContain('*Eerste kennismaking');
    for (const section of reportTemplate) expect(written).not.toContain(section.prompt);
  });

  test('MEDIA-2 a file that is no video is refused in Dutch before it is sent, without a progress bar', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId, { step: 'opnames' });
    const uploads: string[] = [];
    owner.page.on('request', (request) => {
      if (request.url().includes('/uploads')) uploads.push(request.method());
    });
    const panel = owner.page.getByTestId('recordings');
    await panel.getByLabel('Videobestanden kiezen').setInputFiles({ name: 'notities.mp4', mimeType: 'video/mp4', buffer: Buffer.from('Dit is geen video, alleen tekst.\n'.repeat(200)) });
    const item = panel.getByTestId('upload-item').and(owner.page.locator('[data-file-name="notities.mp4"]'));
    await expect(item).toHaveAttribute('data-phase', 'failed');
    await expect(item.getByTestId('upload-error')).toHaveText('Dit bestand is geen video die Kijkruimte kan gebruiken. Kies een MP4-, MOV- of WebM-bestand.');
    await expect(item.getByRole('progressbar')).toHaveCount(0);
    expect(uploads).toEqual([]);
    // The server has nothing of it either.
    const list = (await (await owner.page.request.get(`/api/cycles/${cycleId}/recordings`)).json()) as { recordings: unknown[] };
    expect(list.recordings).toEqual([]);
  });
});
