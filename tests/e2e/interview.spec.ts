import type { Page } from '@playwright/test';
import { expect, test, type People, type Person } from './fixtures/people.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';
import { demoCycleId, watchMuted } from './fixtures/room.ts';

/**
 * DOCACCESS-4 The confidential client interview on the demo cycle (its recording has consent for
 * a client interview). A researcher notes what the client said, with a quotation; the
 * klantmanager receives nothing of it — not on screen, not over the wire — until the researcher
 * passes it on "zonder citaat": then the klantmanager sees the paraphrase, and only that.
 */
test.describe.configure({ timeout: 90_000 });

/** Everything the page receives over its WebSockets, to check what never reached the browser. */
function recordFrames(page: Page): Buffer[] {
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? Buffer.from(payload) : payload));
  });
  return frames;
}

async function enter(people: People, key: 'klantmanager' | 'onderzoeker1'): Promise<{ person: Person; view: ReflectionView; cycleId: string }> {
  const person = await people.arrive(key);
  await watchMuted(person.context);
  const cycleId = await demoCycleId(person.context);
  await person.cycle.open(cycleId);
  const view = new ReflectionView(person.page);
  await view.openTab('Cliëntinterview');
  await expect(person.page.getByTestId('interview')).toHaveAttribute('data-consent', 'true');
  return { person, view, cycleId };
}

test.describe('het vertrouwelijke cliëntinterview', () => {
  test('DOCACCESS-4 the klantmanager sees only what the researcher passed on, "zonder citaat" only as paraphrase', async ({ people }) => {
    const m = uniqueMarker();
    const quote = `Citaat ${m} ze behandelt me als een nummer`;
    const paraphrase = `Parafrase ${m} de cliënt voelde zich niet altijd als persoon gezien`;

    const km = await enter(people, 'klantmanager');
    const kmFrames = recordFrames(km.person.page);
    // Frames are recorded from here on: reload so that every socket of the page is seen.
    await km.person.cycle.reload();
    await km.view.openTab('Cliëntinterview');
    const kmPage = km.person.page;
    await expect(kmPage.getByTestId('interview-confidential')).toBeVisible();
    await expect(kmPage.getByTestId('interview-workspace')).toHaveCount(0);
    await expect(kmPage.getByTestId('feedback-add')).toHaveCount(0);

    // The researcher notes the client's words in the interview document.
    const researcher = await enter(people, 'onderzoeker1');
    const rPage = researcher.person.page;
    const workspace = rPage.getByTestId('interview-workspace');
    await expect(workspace).toHaveAttribute('data-synced', 'true');
    await rPage.getByTestId('feedback-add-input').fill(quote);
    await rPage.getByTestId('feedback-add-submit').click();
    const point = rPage.getByTestId('feedback-point').filter({ hasText: quote });
    await expect(point).toBeVisible();
    await expect(point).toHaveAttribute('data-decision', '');
    await expect(point.getByTestId('feedback-status')).toHaveText(/Nog niet besloten/);

    // The klantmanager sees nothing of it: not in the interview tab, not among the pillars.
    await expect(kmPage.getByTestId('client-feedback').getByTestId('passed-feedback')).toHaveCount(0);
    await expect(kmPage.locator('body')).not.toContainText(m);

    // Passed on without quotation: the paraphrase is required and is all that is passed on.
    await point.getByTestId('feedback-decision-zonderCitaat').check();
    await expect(point.getByTestId('feedback-decide')).toBeDisabled();
    await point.getByTestId('feedback-paraphrase').fill(paraphrase);
    await point.getByTestId('feedback-decide').click();
    await expect(point).toHaveAttribute('data-decision', 'zonderCitaat');
    await expect(point.getByTestId('feedback-status')).toContainText('doorgeven zonder citaat: besloten door Ahmed Benali');

    const passed = kmPage.getByTestId('client-feedback').getByTestId('passed-feedback').filter({ hasText: m });
    await expect(passed).toHaveAttribute('data-mode', 'zonderCitaat');
    await expect(passed.getByTestId('passed-feedback-text')).toHaveText(paraphrase);
    // The agenda's third pillar offers it too, still without the quotation.
    await km.view.openTab('Agenda');
    await expect(km.view.source(paraphrase)).toBeVisible();
    await expect(kmPage.locator('body')).not.toContainText(quote);
    // Nothing of the quotation ever reached the klantmanager's browser.
    expect(kmFrames.length).toBeGreaterThan(0);
    expect(kmFrames.some((f) => f.includes(`Citaat ${m}`))).toBe(false);

    // The export holds the paraphrase and never the quotation.
    const exported = await km.person.context.request.get(`/api/cycles/${km.cycleId}/export.md`);
    expect(exported.ok()).toBe(true);
    const markdown = await exported.text();
    expect(markdown).not.toContain(`Citaat ${m}`);
    expect(markdown).toContain(paraphrase);
  });
});
