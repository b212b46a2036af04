import { expect, test } from './fixtures/people.ts';
import { ReflectionView } from './fixtures/reflection.ts';

/**
 * P7: opening a large cycle. The room builds a step's panel when that step is first opened (a
 * cycle with 500 observations held thousands of elements in hidden panels before anyone looked
 * at them), keeps it once built, and builds the report at once (other steps insert into it).
 * How fast it opens is measured by `npm run bench -- large-cycle`, never asserted here.
 */
test.describe('P7 een grote cyclus opent vlot', () => {
  test('P7-1 a step\'s panel is built when the step is first opened and then stays: a draft survives a visit to another step', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId, { step: 'intake' });
    const page = owner.page;
    const view = new ReflectionView(page);

    // The Agenda has not been opened: its panel is there (the tab points at it) but still empty.
    await expect(page.locator('#tabpanel-agenda')).toBeAttached();
    await expect(view.agenda).toHaveCount(0);

    await view.openTab('Agenda');
    await expect(view.agenda).toBeVisible();
    const draft = page.getByTestId('agenda-add-interventielogica-input');
    await draft.fill('Nog niet opgeslagen punt');
    await view.openTab('Intake');
    await expect(view.agenda).toBeHidden();
    await view.openTab('Agenda');
    await expect(draft).toHaveValue('Nog niet opgeslagen punt');
  });

  test('P7-2 the report is built at once, before its step is opened: its editor holds the template while another step is shown', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.cycle.open(cycleId, { step: 'intake' });
    await expect(owner.cycle.editor).toBeAttached();
    await expect(owner.cycle.editor).toBeHidden();
    await expect(owner.cycle.editor).toContainText('I. ');
    await new ReflectionView(owner.page).openTab('Verslag');
    await expect(owner.cycle.editor).toBeVisible();
  });
});
