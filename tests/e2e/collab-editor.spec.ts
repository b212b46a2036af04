import { accounts, expect, test } from './fixtures/people.ts';

const sanne = accounts.klantmanager.name;
const ahmed = accounts.onderzoeker1.name;

test.describe('samen schrijven aan het verslag', () => {
  test('two people type at the same time, see each other’s text and caret, and the text survives a reload', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    await owner.addMember(cycleId, accounts.onderzoeker2);
    await owner.cycle.open(cycleId);
    const researcher = await people.join('onderzoeker1', cycleId);
    const alice = owner.cycle;
    const bob = researcher.cycle;

    // Both see both, with the names and roles of their accounts.
    for (const person of [alice, bob]) {
      await expect(person.presenceItems).toHaveCount(2);
      await expect(person.presenceOf(sanne)).toHaveAttribute('data-role', 'owner');
      await expect(person.presenceOf(ahmed)).toHaveAttribute('data-role', 'researcher');
    }
    await expect(alice.presenceOf(sanne)).toHaveAttribute('data-self', 'true');
    await expect(alice.presenceOf(ahmed)).toHaveAttribute('data-self', 'false');
    await expect(alice.status).toHaveText('verbonden');

    // Two paragraphs, one for each, so simultaneous typing cannot interleave characters.
    await alice.clearReport();
    await alice.editor.click();
    await alice.page.keyboard.press('Enter');
    await expect(bob.paragraphs).toHaveCount(2);
    await alice.paragraphs.nth(0).click();
    await bob.paragraphs.nth(1).click();

    const aliceText = 'Sanne ziet een raakmoment bij 6:00';
    const bobText = 'Ahmed vraagt naar het gezamenlijke doel';
    await Promise.all([alice.type(aliceText), bob.type(bobText)]);

    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual([aliceText, bobText]);
    }

    // Each sees the other's caret, labelled with the other's account name, where the other types.
    await expect(alice.caretOf(ahmed)).toBeVisible();
    await expect(alice.paragraphs.nth(1).locator('.collaboration-carets__caret')).toHaveAttribute('data-user', ahmed);
    await expect(bob.caretOf(sanne)).toBeVisible();
    await expect(bob.paragraphs.nth(0).locator('.collaboration-carets__caret')).toHaveAttribute('data-user', sanne);
    // Nobody sees a caret for themselves.
    await expect(alice.caretOf(sanne)).toHaveCount(0);
    await expect(bob.caretOf(ahmed)).toHaveCount(0);

    // Reload: the text comes back from the server.
    await alice.reload();
    await expect.poll(() => alice.paragraphTexts()).toEqual([aliceText, bobText]);
    await expect(bob.presenceItems).toHaveCount(2);

    // And a member who opens the cycle after everyone left still finds it.
    await people.leave(owner);
    await people.leave(researcher);
    const carol = (await people.join('onderzoeker2', cycleId)).cycle;
    await expect.poll(() => carol.paragraphTexts()).toEqual([aliceText, bobText]);
    await expect(carol.presenceItems).toHaveCount(1);
    await expect(carol.presenceOf(accounts.onderzoeker2.name)).toHaveAttribute('data-self', 'true');
  });

  test('Ctrl+Z undoes only your own typing, Ctrl+Shift+Z brings it back', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    await owner.cycle.open(cycleId);
    const alice = owner.cycle;
    const bob = (await people.join('onderzoeker1', cycleId)).cycle;

    await bob.clearReport();
    await bob.type('Van Ahmed.');
    await expect.poll(() => alice.paragraphTexts()).toEqual(['Van Ahmed.']);

    await alice.editor.click();
    await alice.page.keyboard.press('Control+End');
    await alice.type(' En van Sanne.');
    await expect.poll(() => bob.paragraphTexts()).toEqual(['Van Ahmed. En van Sanne.']);

    await alice.page.keyboard.press('Control+z');
    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual(['Van Ahmed.']);
    }

    await alice.page.keyboard.press('Control+Shift+z');
    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual(['Van Ahmed. En van Sanne.']);
    }
  });

  test('DOCACCESS-1 a colleague invited to the cycle reads the report live with the name and role of their account, but does not write it', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.consentToIntervision(cycleId);
    await owner.addMember(cycleId, accounts.collega, 'colleague');
    await owner.cycle.open(cycleId);
    const colleague = (await people.join('collega', cycleId)).cycle;

    await expect(owner.cycle.presenceOf(accounts.collega.name)).toHaveAttribute('data-role', 'colleague');
    await expect(owner.cycle.presenceOf(accounts.collega.name)).toContainText('collega (intervisie)');
    await expect(colleague.presenceOf(accounts.collega.name)).toContainText(`${accounts.collega.name} (jij)`);

    // The report is the klantmanager's and the researchers' to write (shared/access/rules.ts).
    await expect(colleague.editor).toHaveAttribute('contenteditable', 'false');
    await expect(colleague.page.getByText('De klantmanager en de onderzoekers schrijven het verslag; jij leest mee.')).toBeVisible();
    await owner.cycle.clearReport();
    await owner.cycle.type('Intervisie: wat zag jij?');
    await expect.poll(() => colleague.paragraphTexts()).toEqual(['Intervisie: wat zag jij?']);
  });
});
