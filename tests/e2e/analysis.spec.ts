import path from 'node:path';
import { consentRefusalMessages } from '../../shared/domain/consent.ts';
import { addRecordingWithConsent, AnalysisView, demoCycleId, send, userIdOf } from './fixtures/analysis.ts';
import { accounts, expect, test } from './fixtures/people.ts';
import { RoomView, watchMuted } from './fixtures/room.ts';

/**
 * Analysis with the Kijkwijzer on the demo cycle (its recording has consent for researchers, not
 * for intervision). Each person has their own browser context; nothing waits on time.
 */
const run = Date.now().toString(36);
const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');

test.describe('analyse met de Kijkwijzer', () => {
  test('LAYER-1 ANALYSE-1 two researchers observe privately, publish, compare and see the overlap; clicking an observation seeks the video', async ({ people }) => {
    // Two people, each with a recording loading and two documents open: more than the default.
    test.setTimeout(90_000);
    const a = await people.arrive('onderzoeker1');
    const b = await people.arrive('onderzoeker2');
    await watchMuted(a.context);
    await watchMuted(b.context);
    const cycleId = await demoCycleId(a);
    const [aId, bId] = [await userIdOf(a), await userIdOf(b)];
    await a.cycle.open(cycleId);
    await b.cycle.open(cycleId);
    const mineA = new AnalysisView(a.page);
    const mineB = new AnalysisView(b.page);
    const text = {
      aEcht: `A ${run}: cliënt lacht als ze over haar dochter praat`,
      aDoel: `A ${run}: doel van het gesprek blijft onbenoemd`,
      bEcht: `B ${run}: echt contact, beiden ontspannen`,
      bFeedback: `B ${run}: vraag naar hoe de cliënt het gesprek vindt`,
    };

    // Researcher A works in her own layer: one moment with M, one with the button.
    await mineA.open();
    await mineA.waitLayerSynced();
    await mineA.add({ at: '0:05', themes: ['echtheid'], valence: 'positive', text: text.aEcht, via: 'key' });
    await mineA.add({ at: '0:14', themes: ['doel'], valence: 'concern', kind: 'Vraag voor klantmanager', text: text.aDoel });
    await expect(mineA.observation(mineA.mine, text.aEcht)).toHaveAttribute('data-valence', 'positive');
    await expect(mineA.observation(mineA.mine, text.aDoel)).toHaveAttribute('data-kind', 'questionForProfessional');
    // Time order, and the timeline shows them as markers.
    await expect(mineA.mine.first()).toContainText('00:05');
    await expect(a.page.locator('[data-testid="timeline-observation"][data-start="5"]')).toHaveCount(1);
    await expect(a.page.locator('[data-testid="timeline-observation"][data-start="14"]')).toHaveCount(1);

    // Researcher B, on her own, sees nothing of A's layer before A publishes.
    await mineB.open();
    await mineB.waitLayerSynced();
    await mineB.add({ at: '0:06', themes: ['echtheid'], valence: 'positive', text: text.bEcht });
    await mineB.add({ at: '0:17', themes: ['feedback'], text: text.bFeedback, via: 'key' });
    await expect(mineB.mine.filter({ hasText: `A ${run}` })).toHaveCount(0);
    await mineB.show('shared');
    await expect(mineB.published.filter({ hasText: `A ${run}` })).toHaveCount(0);

    // A publishes: her observations arrive in the shared cycle, attributed, for B too.
    await mineA.publish();
    await expect(mineA.panel.getByTestId('publish-result')).toHaveText('2 observaties gepubliceerd in de gedeelde cyclus.');
    await expect(mineB.observation(mineB.published, text.aEcht)).toBeVisible();
    await expect(mineB.observation(mineB.published, text.aEcht).getByTestId('observation-author')).toHaveText(accounts.onderzoeker1.name);
    await expect(mineB.published.filter({ hasText: `B ${run}` })).toHaveCount(0);
    await mineB.publish();

    // Vergelijk: the moment both saw (0:05 and 0:06, shared theme echtheid) is an overlap; each
    // saw one moment alone; agreement per theme shows where they differ.
    await mineA.show('compare');
    const overlap = mineA.overlapWith(text.aEcht, text.bEcht);
    await expect(overlap).toHaveCount(1);
    await expect(overlap).toHaveAttribute('data-analysts', [aId, bId].sort().join(' '));
    await expect(overlap).toHaveAttribute('data-themes', 'echtheid');
    await expect(mineA.themeRow('echtheid')).toHaveAttribute('data-agreement', '1.00');
    await expect(mineA.themeRow('echtheid')).toContainText('100%');
    await expect(mineA.themeRow('doel')).toHaveAttribute('data-agreement', '0.00');
    await expect(mineA.themeRow('feedback')).toHaveAttribute('data-agreement', '0.00');
    await expect(mineA.compare.locator(`[data-testid="compare-singles"][data-analyst="${aId}"]`)).toContainText(text.aDoel);
    await expect(mineA.compare.locator(`[data-testid="compare-singles"][data-analyst="${bId}"]`)).toContainText(text.bFeedback);
    await expect(mineA.compare.getByTestId('compare-summary')).toContainText('Overeenstemming');
    // ANALYSE-2 on a laptop screen (1366 px) the whole table is in view, nothing cut off.
    await a.page.setViewportSize({ width: 1366, height: 768 });
    const table = mineA.compare.getByTestId('compare-themes');
    await expect.poll(() => table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBeLessThanOrEqual(0);

    // "Neem over": B's question goes into the shared list, once.
    const single = mineA.compare.locator(`[data-testid="compare-singles"][data-analyst="${bId}"]`).getByTestId('compare-entry').filter({ hasText: text.bFeedback });
    await single.getByTestId('observation-adopt').click();
    await expect(single.getByTestId('observation-adopted')).toBeVisible();
    await mineB.show('shared');
    await expect(mineB.observation(mineB.shared, text.bFeedback)).toBeVisible();

    // Clicking an observation takes her own video there (in Analyse each watches alone, PLAY-9).
    const room = new RoomView(a.page);
    await room.waitReady();
    await expect(room.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    await mineA.show('mine');
    await mineA.observation(mineA.mine, text.aDoel).getByTestId('observation-seek').click();
    await expect.poll(() => room.video.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBeCloseTo(14, 0);
  });

  test('LAYER-4 a colleague without consent for intervision is refused with the reason', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await demoCycleId(owner);
    const colleagueId = await (async () => {
      const colleague = await people.arrive('collega');
      return { person: colleague, id: await userIdOf(colleague) };
    })();
    await owner.addMember(cycleId, accounts.collega, 'colleague');
    try {
      const colleague = new AnalysisView(colleagueId.person.page);
      // The socket is refused, so this page is not waited on to sync.
      await colleagueId.person.cycle.open(cycleId, { waitForSync: false });
      await colleague.open();
      await expect(colleague.refusal).toBeVisible();
      await expect(colleague.refusal).toHaveAttribute('data-code', 'forbidden');
      await expect(colleague.refusal.getByTestId('analysis-refusal-reason')).toHaveText(consentRefusalMessages.colleagues);
      await expect(colleague.refusal).toContainText('Collega’s kijken alleen mee in intervisie als de cliënt daar toestemming voor heeft gegeven.');
      await expect(colleague.panel.getByTestId('layer-view')).toHaveCount(0);
    } finally {
      // The demo cycle is shared by the specs: leave it as it was.
      await send(owner, 'delete', `/api/cycles/${cycleId}/members/${colleagueId.id}`);
    }
  });

  test('the klantmanager fills in the werkblad in her own layer; a time code seeks the video', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    await watchMuted(owner.context);
    const cycleId = await demoCycleId(owner);
    await owner.cycle.open(cycleId);
    const view = new AnalysisView(owner.page);
    await view.open();
    await view.show('worksheet');
    const sheet = view.panel.getByTestId('worksheet');
    await sheet.locator('[data-testid="worksheet-with"][data-with="collega"]').check();
    await sheet.locator('[data-testid="theme-chip"][data-theme="echtheid"]').click();
    const entry = sheet.locator('[data-testid="worksheet-entry"][data-theme="echtheid"]');
    await expect(entry).toContainText('Thema: Contact');
    await entry.getByTestId('worksheet-wonder').fill(`Was ze echt open over de opleiding? (${run})`);
    await entry.getByLabel('Tijdcode (leeg = nu)').fill('0:03');
    await entry.getByTestId('worksheet-seen-text').fill('Ze kijkt weg als het over school gaat');
    await entry.getByTestId('worksheet-seen-add').click();
    await expect(entry.getByTestId('worksheet-sighting')).toHaveAttribute('data-at', '3');
    await expect(sheet.getByTestId('worksheet-issues')).toHaveCount(0);

    // It is kept in her layer: after a reload it is still there.
    await owner.cycle.reload();
    await view.open();
    await view.show('worksheet');
    await expect(entry.getByTestId('worksheet-wonder')).toHaveValue(`Was ze echt open over de opleiding? (${run})`);
    const room = new RoomView(owner.page);
    await room.waitReady();
    await entry.getByTestId('worksheet-sighting').getByRole('button', { name: /Naar 00:03/ }).click();
    await expect.poll(() => room.video.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBeCloseTo(3, 0);
  });

  test('LAYER-2 blind intervision: a colleague hands in her layer, the facilitator reveals it attributed and puts everyone on Volgen', async ({ people }) => {
    test.setTimeout(90_000);
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1, 'researcher');
    await owner.addMember(cycleId, accounts.collega, 'colleague');
    await addRecordingWithConsent(owner, cycleId, sampleMp4, { own: true, researchers: true, colleagues: true, training: false, clientInterview: false });

    // The klantmanager switches blind intervision on.
    await owner.cycle.open(cycleId);
    const ownerView = new AnalysisView(owner.page);
    await ownerView.open();
    await ownerView.show('intervision');
    await ownerView.panel.getByTestId('intervision-blind').check();
    await expect(ownerView.panel.getByTestId('intervision-view')).toHaveAttribute('data-blind', 'true');

    // The colleague (consent covers intervision) writes in her layer and hands it in.
    const colleague = await people.arrive('collega');
    await watchMuted(colleague.context);
    await colleague.cycle.open(cycleId);
    const hers = new AnalysisView(colleague.page);
    await hers.open();
    await hers.waitLayerSynced();
    const note = `C ${run}: cliënt haakt af bij het voorstel`;
    await hers.add({ at: '0:04', themes: ['weerstand'], valence: 'concern', text: note });
    await expect(hers.panel.getByTestId('layer-publish')).toHaveText('Klaar: laag inleveren');
    // Handing in cannot be undone: the page asks first, and "Annuleren" hands in nothing.
    await hers.panel.getByTestId('layer-publish').click();
    await expect(hers.panel.getByTestId('publish-confirm')).toContainText('Je laag inleveren?');
    await hers.panel.getByTestId('publish-confirm-no').click();
    await expect(hers.panel.getByTestId('publish-result')).toHaveCount(0);
    await hers.panel.getByTestId('layer-publish').click();
    await hers.panel.getByTestId('publish-confirm-yes').click();
    await expect(hers.panel.getByTestId('publish-result')).toContainText('wordt zichtbaar zodra de begeleider alle lagen onthult');

    // The researcher (facilitator) does not see it yet; the layer shows as handed in.
    const researcher = await people.arrive('onderzoeker1');
    await researcher.cycle.open(cycleId);
    const his = new AnalysisView(researcher.page);
    await his.open();
    await his.show('intervision');
    const colleagueId = await userIdOf(colleague);
    await expect(his.panel.locator(`[data-testid="layer-row"][data-user="${colleagueId}"]`)).toHaveAttribute('data-state', 'ready');
    await his.show('shared');
    await expect(his.published.filter({ hasText: note })).toHaveCount(0);

    // He reveals all layers: the observation appears, with the colleague's name.
    await his.show('intervision');
    await his.panel.getByTestId('intervision-reveal').click();
    await researcher.page.getByRole('dialog', { name: 'Alle lagen onthullen?' }).getByRole('button', { name: 'Ja, onthullen' }).click();
    await expect(his.panel.getByTestId('intervision-message')).toHaveText('1 observaties onthuld.');
    await his.show('shared');
    await expect(his.observation(his.published, note).getByTestId('observation-author')).toHaveText(accounts.collega.name);

    // The colleague watches on her own; the facilitator brings everyone back to "Volgen".
    const room = new RoomView(colleague.page);
    await room.waitReady();
    await colleague.page.getByTestId('mode-alone').click();
    await expect(room.video).toHaveAttribute('data-follow-mode', 'zelfstandig');
    await his.show('intervision');
    await his.panel.getByTestId('follow-all').click();
    await expect(room.video).toHaveAttribute('data-follow-mode', 'volgen');
  });
});
