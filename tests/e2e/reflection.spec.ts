import fs from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { AccountKey } from './fixtures/accounts.ts';
import { accounts, expect, test, type People, type Person } from './fixtures/people.ts';
import { docxParagraphs, ReflectionView, uniqueMarker } from './fixtures/reflection.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * The reflectiegesprek on the demo cycle, three people each in their own browser: the
 * klantmanager (Sanne) and two researchers (Ahmed, Ineke). The agenda is made together from the
 * three pillars, reordered and ticked off live, a fragment is played for everyone from an agenda
 * point, the report is written together, the takeaways are recorded and the exported DOCX holds
 * the observations with their time codes and the takeaways.
 */
test.describe.configure({ timeout: 120_000 });

interface InRoom {
  person: Person;
  room: RoomView;
  view: ReflectionView;
}

async function enter(people: People, key: AccountKey): Promise<InRoom> {
  const person = await people.arrive(key);
  await watchMuted(person.context);
  await person.cycle.open(await demoCycleId(person.context));
  const room = new RoomView(person.page);
  await room.waitReady();
  return { person, room, view: new ReflectionView(person.page) };
}

/** Seeks the group to `seconds` and marks a moment there with `text`. */
async function markMoment({ room }: InRoom, seconds: number, text: string): Promise<void> {
  // The timeline is clicked by position: bring it on screen first.
  await room.track.scrollIntoViewIfNeeded();
  const before = await room.seq();
  await room.clickTimelineAt(seconds);
  await expect.poll(() => room.seq()).toBeGreaterThan(before);
  await room.waitSynced(await room.seq());
  await room.track.focus();
  await room.page.keyboard.press('m');
  const form = room.page.getByTestId('moment-form');
  await form.getByLabel('Wat zie je hier?').fill(text);
  await form.getByRole('button', { name: 'Moment opslaan' }).click();
  await expect(form).toBeHidden();
}

test.describe('het reflectiegesprek', () => {
  test('AGENDA-1 EXPORT-1 intake, agenda from three pillars reordered and ticked live, fragment for everyone, report, takeaways, DOCX export', async ({ people }) => {
    const m = uniqueMarker();
    const sanne = await enter(people, 'klantmanager');
    const ahmed = await enter(people, 'onderzoeker1');
    const ineke = await enter(people, 'onderzoeker2');
    const all = [sanne, ahmed, ineke];
    for (const p of all) await expect(p.room.presence).toHaveCount(3);

    // 1. Intake: Sanne states a doubt and a learning goal.
    const doubt = `Twijfel ${m} staat de cliënt echt achter het plan`;
    const goal = `Leerdoel ${m} meer uitspreken wat ik denk`;
    await sanne.view.openTab('Intake');
    await sanne.view.addDoubt('twijfel', doubt);
    await sanne.view.addDoubt('leerdoel', goal);
    // Researchers read the intake; only the klantmanager writes it.
    await ahmed.view.openTab('Intake');
    await expect(ahmed.person.page.getByTestId('doubt').filter({ hasText: doubt })).toBeVisible();
    await expect(ahmed.person.page.getByTestId('doubt-add')).toHaveCount(0);

    // 2. The researchers' observations from the video (moments on the timeline).
    const obs1 = `Raakmoment ${m} klantmanager toont betrokkenheid`;
    const obs2 = `Observatie ${m} de cliënt houdt een verkoopverhaal`;
    await markMoment(ahmed, 4, obs1);
    await markMoment(ineke, 9, obs2);

    // 3. The client's feedback from the interview (consent for the interview is given), passed on
    // as said by the interviewer (DOCACCESS-4: only passed-on points reach the agenda's pillar).
    const feedback = `Feedback ${m} mist terugkoppeling tussendoor`;
    await ahmed.view.openTab('Cliëntinterview');
    await expect(ahmed.person.page.getByTestId('interview')).toHaveAttribute('data-consent', 'true');
    await ahmed.person.page.getByTestId('feedback-add-input').fill(feedback);
    await ahmed.person.page.getByTestId('feedback-add-submit').click();
    const point = ahmed.person.page.getByTestId('feedback-point').filter({ hasText: feedback });
    await point.getByTestId('feedback-decision-doorgeven').check();
    await point.getByTestId('feedback-decide').click();
    await expect(point).toHaveAttribute('data-decision', 'doorgeven');

    // 4. The agenda is made together from the three pillars ("zet op agenda") and typed points.
    for (const p of all) await p.view.openTab('Agenda');
    // One after the other, as in a conversation: each point reaches everyone before the next.
    const seenByAll = async (text: string): Promise<void> => {
      for (const p of all) await expect(p.view.item(text)).toHaveCount(1);
    };
    for (const [p, text] of [[ineke, doubt], [sanne, goal], [ahmed, obs1], [ineke, obs2], [ahmed, feedback]] as const) {
      await p.view.putOnAgenda(text);
      await seenByAll(text);
    }
    const typed = `Echtheid ${m} hoe echt was dit gesprek`;
    await sanne.view.addTyped('echtheid', typed);
    const initial = [`open: ${doubt}`, `open: ${goal}`, `open: ${feedback}`, `echtheid: ${typed}`, `fragmenten: ${obs1}`, `fragmenten: ${obs2}`];
    for (const p of all) await expect.poll(() => p.view.order(m)).toEqual(initial);
    await expect(sanne.view.item(doubt)).toHaveAttribute('data-pillar', 'doubts');
    await expect(sanne.view.item(obs1)).toHaveAttribute('data-pillar', 'analysis');
    await expect(sanne.view.item(feedback)).toHaveAttribute('data-pillar', 'client');

    // 5. All three reorder: buttons (keyboard-accessible) and drag and drop.
    await sanne.view.item(goal).getByTestId('agenda-up').click();
    await ahmed.view.item(obs1).getByTestId('agenda-down').click();
    // Both ends of the drag on screen: a page that scrolls mid-drag never starts one.
    await ineke.view.item(doubt).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ineke.view.item(typed).getByTestId('agenda-handle').dragTo(ineke.view.item(doubt));
    // The last open question moves down into the next section (echtheid).
    await expect.poll(() => sanne.view.order(m)).toEqual([`open: ${goal}`, `open: ${typed}`, `open: ${doubt}`, `open: ${feedback}`, `fragmenten: ${obs2}`, `fragmenten: ${obs1}`]);
    await sanne.view.item(feedback).getByTestId('agenda-down').click();
    const reordered = [`open: ${goal}`, `open: ${typed}`, `open: ${doubt}`, `echtheid: ${feedback}`, `fragmenten: ${obs2}`, `fragmenten: ${obs1}`];
    for (const p of all) await expect.poll(() => p.view.order(m)).toEqual(reordered);

    // 6. Ticked off during the conversation, by each of them; everyone sees it.
    await sanne.view.item(goal).getByTestId('agenda-done').check();
    await ahmed.view.item(obs2).getByTestId('agenda-done').check();
    await ineke.view.item(typed).getByTestId('agenda-done').check();
    for (const p of all) {
      for (const text of [goal, obs2, typed]) await expect(p.view.item(text)).toHaveAttribute('data-done', 'true');
      await expect(p.view.item(doubt)).toHaveAttribute('data-done', 'false');
    }

    // 7. A fragment is linked to an agenda point and played from there for everyone.
    const label = `Terugkijken ${m}`;
    const room = ahmed.room;
    await room.track.scrollIntoViewIfNeeded();
    const box = (await room.track.boundingBox())!;
    const duration = Number(await room.timeline.getAttribute('data-duration'));
    const x = (s: number): number => box.x + (s / duration) * box.width;
    await room.page.mouse.move(x(5), box.y + box.height / 2);
    await room.page.mouse.down();
    await room.page.mouse.move(x(6), box.y + box.height / 2, { steps: 4 });
    await room.page.mouse.move(x(7), box.y + box.height / 2, { steps: 4 });
    await room.page.mouse.up();
    const form = room.page.getByTestId('fragment-form');
    await form.getByLabel('Naam').fill(label);
    await form.getByRole('button', { name: 'Fragment opslaan' }).click();
    const link = ahmed.view.item(obs1).getByTestId('agenda-link');
    await expect(link.locator('option', { hasText: label })).toHaveCount(1);
    await link.selectOption((await link.locator('option', { hasText: label }).getAttribute('value'))!);
    const play = ineke.view.item(obs1).getByTestId('agenda-fragment-play');
    await expect(play).toBeEnabled();
    const end = Number(await play.getAttribute('data-end'));
    const before = await ineke.room.seq();
    await play.click();
    await expect.poll(() => ineke.room.seq()).toBeGreaterThan(before);
    const ranged = await ineke.room.seq();
    for (const p of [sanne, ahmed]) {
      await expect(p.room.video).toHaveAttribute('data-transport-stop-at', String(end));
      await p.room.waitSynced(ranged);
      // Each follower plays the fragment and stops at its end.
      await expect.poll(() => p.room.drift().then((r) => r !== null && r.seq >= ranged && r.paused && Math.abs(r.currentTime - end) < 0.05), { timeout: 20_000 }).toBe(true);
    }

    // 8. The report, written together (it starts from the method's template).
    for (const p of all) await p.view.openTab('Verslag');
    await expect(sanne.person.cycle.editor).toContainText('Reflectiegesprek');
    const lineAhmed = `Verslag ${m} de klantmanager herkent de momenten van openheid`;
    const lineIneke = `Verslag ${m} tip de cliënt laten meedenken`;
    for (const [p, line] of [[ahmed, lineAhmed], [ineke, lineIneke]] as const) {
      // Each adds a paragraph at the end of the report, once the other's words are there.
      await expect.poll(() => p.person.cycle.paragraphTexts()).toEqual(expect.arrayContaining(line === lineIneke ? [lineAhmed] : []));
      // Clicking right of the last line of the last paragraph puts the caret at its end.
      const last = p.person.cycle.paragraphs.last();
      const box = (await last.boundingBox())!;
      await last.click({ position: { x: box.width - 2, y: box.height - 4 } });
      await p.person.page.keyboard.press('End');
      await p.person.page.keyboard.press('Enter');
      await p.person.cycle.type(line);
    }
    for (const p of all) {
      await expect.poll(() => p.person.cycle.paragraphTexts()).toEqual(expect.arrayContaining([lineAhmed, lineIneke]));
    }

    // 9. Sanne records what she takes along; it shows at the top of the cycle for everyone.
    const takeaway1 = `Voornemen ${m} twijfels hardop uitspreken`;
    const takeaway2 = `Aandachtspunt ${m} vaker terugkoppelen`;
    await sanne.view.openTab('Aandachtspunten');
    await sanne.view.addTakeaway('actiedoel', takeaway1);
    await sanne.view.addTakeaway('aandachtspunt', takeaway2);
    await sanne.person.page.getByTestId('evaluation-echtheid').fill(`Evaluatie ${m} ik kon zeggen wat ik dacht`);
    for (const p of [ahmed, ineke]) {
      // One line at the top of the cycle, and the full list when opened.
      await expect(p.view.summary.locator('summary')).toContainText(takeaway1);
      await p.view.summary.locator('summary').click();
      await expect(p.view.summary.getByTestId('summary-takeaway').filter({ hasText: takeaway2 })).toBeVisible();
    }
    await ahmed.view.openTab('Aandachtspunten');
    await expect(ahmed.person.page.getByTestId('evaluation-echtheid')).toHaveValue(`Evaluatie ${m} ik kon zeggen wat ik dacht`);

    // 10. Export to DOCX: observations in time order (both "opvallend") with time codes, and the takeaways.
    const timecodes = new Map<string, string>();
    for (const text of [obs1, obs2]) timecodes.set(text, (await sanne.view.source(text).getAttribute('data-timecode'))!);
    const downloading = sanne.person.page.waitForEvent('download');
    await sanne.person.page.getByTestId('export-open').click();
    await sanne.person.page.getByTestId('export-docx').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await fs.readFile((await download.path())!);
    const xml = strFromU8(unzipSync(new Uint8Array(file))['word/document.xml']!);
    const paragraphs = docxParagraphs(xml);
    const at = (text: string): number => paragraphs.findIndex((p) => p.includes(text));
    for (const [text, timecode] of timecodes) {
      const paragraph = paragraphs[at(text)];
      expect(paragraph, `observation "${text}" in the DOCX`).toBeDefined();
      // TIMECODE-3: the export names the recording of every time code ("video 1 · 00:03").
      expect(paragraph!.startsWith(`video 1 · ${timecode}`), `"${paragraph}" starts with video 1 · ${timecode}`).toBe(true);
    }
    expect(at(obs1)).toBeLessThan(at(obs2));
    for (const text of [takeaway1, takeaway2]) expect(at(text), `takeaway "${text}" in the DOCX`).toBeGreaterThan(-1);
    expect(at(lineAhmed)).toBeGreaterThan(-1);

    // The print page holds the same, for paper.
    await sanne.person.page.getByTestId('export-open').click();
    await sanne.person.page.getByTestId('export-print').click();
    const print = sanne.person.page.getByTestId('print-page');
    await expect(print.getByTestId('print-observation').filter({ hasText: obs1 })).toContainText(`video 1 · ${timecodes.get(obs1)!}`);
    await expect(print.getByTestId('print-takeaways')).toContainText(takeaway1);
  });

  test('LEARN-1 the leeragenda shows the takeaways and whether they were applied; a researcher sees it only while shared', async ({ people }) => {
    const m = uniqueMarker();
    const sanne = await people.arrive('klantmanager');
    const view = new ReflectionView(sanne.page);
    const page = sanne.page;

    // A first cycle with a takeaway. Without a recording there is no consent for an interview.
    const titleA = `Leeragenda A ${m}`;
    await page.goto('/cycli');
    const newCycle = page.getByTestId('new-cycle-form');
    await newCycle.getByLabel('Titel').fill(titleA);
    await newCycle.getByLabel('Cliënt / gesprekspartner').fill('cliënt B');
    await newCycle.getByRole('button', { name: 'Cyclus aanmaken' }).click();
    await sanne.cycle.waitUntilSynced();
    await view.openTab('Cliëntinterview');
    await expect(page.getByTestId('interview-no-consent')).toBeVisible();
    await view.openTab('Intake');
    await expect(page.getByTestId('previous-none')).toBeVisible();
    const takeaway = `Voornemen ${m} de cliënt laten meedenken`;
    await view.openTab('Aandachtspunten');
    await view.addTakeaway('actiedoel', takeaway);

    // The follow-up conversation with the same client links to it and checks the intention.
    await page.goto('/cycli');
    await newCycle.getByLabel('Titel').fill(`Leeragenda B ${m}`);
    const previous = newCycle.getByTestId('new-cycle-previous');
    await previous.selectOption({ label: `${titleA} (cliënt B)` });
    await expect(newCycle.getByLabel('Cliënt / gesprekspartner')).toHaveValue('cliënt B');
    await newCycle.getByRole('button', { name: 'Cyclus aanmaken' }).click();
    await sanne.cycle.waitUntilSynced();
    await expect(view.summary.getByTestId('summary-previous').filter({ hasText: takeaway })).toHaveAttribute('data-applied', '');
    await view.openTab('Intake');
    const row = view.previousTakeaway(takeaway);
    await row.getByTestId('applied-ja').check();
    await row.getByTestId('previous-note').fill('Gelukt in het tweede gesprek');
    await row.getByTestId('previous-note').press('Enter');
    await expect(row).toHaveAttribute('data-applied', 'ja');
    await expect(view.summary.getByTestId('summary-previous').filter({ hasText: takeaway })).toHaveAttribute('data-applied', 'ja');

    // Her leeragenda: the takeaway of cycle A, applied according to cycle B.
    await page.getByTestId('nav-leeragenda').click();
    const own = page.getByTestId('leeragenda-cycle').filter({ hasText: titleA }).getByTestId('leeragenda-takeaway').filter({ hasText: takeaway });
    await expect(own).toHaveAttribute('data-applied', 'ja');
    await expect(own).toContainText('Gelukt in het tweede gesprek');

    // A researcher cannot see it…
    const me = (await (await sanne.context.request.get('/api/me')).json()) as { user: { id: string } };
    const ahmed = await people.arrive('onderzoeker1');
    await ahmed.page.goto(`/leeragenda/${me.user.id}`);
    await expect(ahmed.page.getByTestId('leeragenda-forbidden')).toBeVisible();
    await expect(ahmed.page.getByTestId('leeragenda-takeaway')).toHaveCount(0);

    // …until Sanne shares it with him,
    const share = page.getByTestId('leeragenda-share-form');
    await share.getByLabel('E-mailadres').fill(accounts.onderzoeker1.email);
    await share.getByRole('button', { name: 'Delen' }).click();
    await expect(page.getByTestId('shared-with-person').filter({ hasText: accounts.onderzoeker1.name })).toBeVisible();
    await ahmed.page.goto('/leeragenda');
    await ahmed.page.getByTestId('shared-leeragenda-link').and(ahmed.page.locator(`[data-owner="${me.user.id}"]`)).click();
    const shared = ahmed.page.getByTestId('leeragenda-shared').getByTestId('leeragenda-takeaway').filter({ hasText: takeaway });
    await expect(shared).toHaveAttribute('data-applied', 'ja');

    // …and no longer once she stops sharing.
    await page.getByTestId('shared-with-person').filter({ hasText: accounts.onderzoeker1.name }).getByRole('button', { name: `Delen met ${accounts.onderzoeker1.name} stoppen` }).click();
    await expect(page.getByTestId('shared-with-person')).toHaveCount(0);
    await ahmed.page.reload();
    await expect(ahmed.page.getByTestId('leeragenda-forbidden')).toBeVisible();
  });
});
