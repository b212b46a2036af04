import path from 'node:path';
import type { AccountKey } from './fixtures/accounts.ts';
import { addRecordingWithConsent, AnalysisView } from './fixtures/analysis.ts';
import { accounts, expect, test, type People, type Person } from './fixtures/people.ts';
import { ReflectionView, uniqueMarker } from './fixtures/reflection.ts';
import { demoCycleId, RoomView, watchMuted } from './fixtures/room.ts';

/**
 * The controls each person is offered follow the rule table (shared/access/rules.ts): the server
 * closes a socket that sends a change its user may not make, so the UI must never offer one.
 * Several people, each in their own browser; every wait is on what the page shows.
 */
test.describe.configure({ timeout: 120_000 });

const sampleMp4 = path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4');

interface InRoom {
  person: Person;
  room: RoomView;
  view: ReflectionView;
  analysis: AnalysisView;
}

async function enter(people: People, key: AccountKey, cycleId?: string): Promise<InRoom> {
  const person = await people.arrive(key);
  await watchMuted(person.context);
  await person.cycle.open(cycleId ?? (await demoCycleId(person.context)));
  const room = new RoomView(person.page);
  await room.waitReady();
  return { person, room, view: new ReflectionView(person.page), analysis: new AnalysisView(person.page) };
}

/** Marks a moment (M) where the video is, with `text`: an observation in the shared list. */
async function markMoment({ room }: InRoom, text: string): Promise<void> {
  await room.track.focus();
  await room.page.keyboard.press('m');
  const form = room.page.getByTestId('moment-form');
  await form.getByLabel('Wat zie je hier?').fill(text);
  await form.getByRole('button', { name: 'Moment opslaan' }).click();
  await expect(form).toBeHidden();
}

/** Drags a range on the timeline and names it: a fragment. */
async function makeFragment({ room }: InRoom, from: number, to: number, label: string): Promise<void> {
  const at = await room.timelinePoint();
  await room.page.mouse.move(at(from).x, at(from).y);
  await room.page.mouse.down();
  await room.page.mouse.move(at((from + to) / 2).x, at(from).y, { steps: 4 });
  await room.page.mouse.move(at(to).x, at(from).y, { steps: 4 });
  await room.page.mouse.up();
  const form = room.page.getByTestId('fragment-form');
  await form.getByLabel('Naam').fill(label);
  await form.getByRole('button', { name: 'Fragment opslaan' }).click();
  await expect(form).toBeHidden();
}

test.describe('DOCACCESS-1 controls follow the rule table', () => {
  test('DOCACCESS-1 a researcher gets no control for what only the klantmanager or the author may change; the klantmanager gets the intake controls', async ({ people }) => {
    const m = uniqueMarker();
    const sanne = await enter(people, 'klantmanager');
    const ahmed = await enter(people, 'onderzoeker1');
    const sp = sanne.person.page;
    const ap = ahmed.person.page;

    // The klantmanager writes the intake: she is offered adding, changing and deleting.
    const doubt = `Twijfel ${m} durf ik door te vragen`;
    await sanne.view.openTab('Intake');
    await expect(sp.getByTestId('intake-read-only')).toHaveCount(0);
    await sanne.view.addDoubt('twijfel', doubt);
    const hers = sp.getByTestId('doubt').filter({ hasText: doubt });
    await expect(hers.getByTestId('doubt-edit')).toBeVisible();
    await expect(hers.getByTestId('doubt-delete')).toBeVisible();

    // She marks a moment and makes a fragment: her observation and her fragment.
    const herObservation = `Observatie ${m} van Sanne`;
    const herFragment = `Fragment ${m} van Sanne`;
    await markMoment(sanne, herObservation);
    await makeFragment(sanne, 3, 6, herFragment);

    // The researcher reads the intake, without any control on it.
    await ahmed.view.openTab('Intake');
    const seen = ap.getByTestId('doubt').filter({ hasText: doubt });
    await expect(seen).toBeVisible();
    await expect(seen.getByTestId('doubt-edit')).toHaveCount(0);
    await expect(seen.getByTestId('doubt-delete')).toHaveCount(0);
    await expect(ap.getByTestId('doubt-add')).toHaveCount(0);
    await expect(ap.getByTestId('intake-read-only')).toBeVisible();

    // Her fragment: he can play it, not change or delete it (FRAGMENT-2).
    await ahmed.view.openTab('Fragmenten');
    const fragment = ap.getByTestId('fragment').filter({ hasText: herFragment });
    await expect(fragment.getByTestId('fragment-play')).toBeVisible();
    await expect(fragment.getByTestId('fragment-delete')).toHaveCount(0);
    await expect(fragment.getByTestId('fragment-edit')).toHaveCount(0);

    // He adds an observation of his own; in the shared list he may change and delete his, not hers.
    const hisObservation = `Observatie ${m} van Ahmed`;
    await markMoment(ahmed, hisObservation);
    await ahmed.analysis.open();
    await ahmed.analysis.show('shared');
    await expect(ap.getByTestId('shared-add')).toBeVisible();
    const hersShared = ahmed.analysis.observation(ahmed.analysis.shared, herObservation);
    const hisShared = ahmed.analysis.observation(ahmed.analysis.shared, hisObservation);
    await expect(hersShared).toBeVisible();
    await expect(hersShared.getByTestId('observation-edit')).toHaveCount(0);
    await expect(hersShared.getByTestId('observation-delete')).toHaveCount(0);
    await expect(hisShared.getByTestId('observation-edit')).toBeVisible();
    await expect(hisShared.getByTestId('observation-delete')).toBeVisible();
    // Anyone may reply to hers.
    await hersShared.getByTestId('observation-replies').click();
    await expect(hersShared.getByTestId('observation-thread').getByRole('button', { name: 'Plaatsen' })).toBeVisible();

    // The klantmanager, too, gets no edit on his observation.
    await sanne.analysis.open();
    await sanne.analysis.show('shared');
    const hisForHer = sanne.analysis.observation(sanne.analysis.shared, hisObservation);
    await expect(hisForHer).toBeVisible();
    await expect(hisForHer.getByTestId('observation-edit')).toHaveCount(0);

    // He does write the agenda and the report, and may use the presenter lock.
    await ahmed.view.openTab('Agenda');
    const point = `Agendapunt ${m} van Ahmed`;
    await ahmed.view.addTyped('open', point);
    await expect(ahmed.view.item(point).getByTestId('agenda-text-edit')).toBeVisible();
    // The Agenda is built when first opened (P7-1).
    await sanne.view.openTab('Agenda');
    await expect(sanne.view.item(point)).toHaveCount(1);
    await ahmed.view.openTab('Verslag');
    await expect(ahmed.person.cycle.editor).toHaveAttribute('contenteditable', 'true');
    await expect(ap.getByTestId('report-read-only')).toHaveCount(0);
    await expect(ap.getByTestId('presenter-toggle')).toBeVisible();
    await expect(ap.getByTestId('wait-for-all')).toBeEnabled();

    // Nothing he was offered closed his connection.
    await expect(ahmed.person.cycle.status).toHaveAttribute('data-status', 'connected');
    await expect(ap.getByTestId('connection-refused')).toHaveCount(0);
  });

  test('DOCACCESS-1 an intervision colleague reads the agenda, the report and the takeaways, and only adds observations', async ({ people }) => {
    const m = uniqueMarker();
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.collega, 'colleague');
    await addRecordingWithConsent(owner, cycleId, sampleMp4, { own: true, researchers: true, colleagues: true, training: false, clientInterview: false });

    const joost = await enter(people, 'collega', cycleId);
    const page = joost.person.page;
    await expect(joost.person.cycle.editor).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByTestId('report-read-only')).toBeVisible();
    // The presenter lock and "wacht op iedereen" are the facilitators'.
    await expect(page.getByTestId('presenter-toggle')).toHaveCount(0);
    await expect(page.getByTestId('wait-for-all')).toBeDisabled();

    await joost.view.openTab('Agenda');
    await expect(page.getByTestId('agenda-add-open')).toHaveCount(0);
    await expect(page.getByTestId('source-add')).toHaveCount(0);
    await joost.view.openTab('Aandachtspunten');
    await expect(page.getByTestId('takeaway-add')).toHaveCount(0);
    await expect(page.getByTestId('evaluation-tips')).toBeDisabled();

    // An observation of his own he may add, and change.
    const note = `Observatie ${m} van Joost`;
    await markMoment(joost, note);
    await joost.analysis.open();
    await joost.analysis.show('shared');
    await expect(joost.analysis.observation(joost.analysis.shared, note).getByTestId('observation-edit')).toBeVisible();
    await expect(joost.person.cycle.status).toHaveAttribute('data-status', 'connected');
  });
});
