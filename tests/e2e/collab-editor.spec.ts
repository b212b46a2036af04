import { expect, test, uniqueDocName } from './fixtures/people.ts';

test.describe('samen schrijven in één document', () => {
  test('two people type at the same time, see each other’s text and caret, and the text survives a reload', async ({ people }) => {
    const docName = uniqueDocName();
    const alice = await people.join('Alice', docName);
    const bob = await people.join('Bob', docName);

    // Both see both (with their own colour swatch).
    for (const person of [alice, bob]) {
      await expect(person.presenceItems).toHaveCount(2);
      await expect(person.presenceOf('Alice')).toBeVisible();
      await expect(person.presenceOf('Bob')).toBeVisible();
    }
    await expect(alice.status).toHaveText('verbonden');

    // Two paragraphs, one for each, so simultaneous typing cannot interleave characters.
    await alice.editor.click();
    await alice.page.keyboard.press('Enter');
    await expect(bob.paragraphs).toHaveCount(2);
    await alice.paragraphs.nth(0).click();
    await bob.paragraphs.nth(1).click();

    const aliceText = 'Alice ziet een raakmoment bij 6:00';
    const bobText = 'Bob vraagt naar het gezamenlijke doel';
    await Promise.all([alice.type(aliceText), bob.type(bobText)]);

    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual([aliceText, bobText]);
    }

    // Each sees the other's caret, labelled with the other's name, where the other is typing.
    await expect(alice.caretOf('Bob')).toBeVisible();
    await expect(alice.paragraphs.nth(1).locator('.collaboration-carets__caret')).toHaveAttribute('data-user', 'Bob');
    await expect(bob.caretOf('Alice')).toBeVisible();
    await expect(bob.paragraphs.nth(0).locator('.collaboration-carets__caret')).toHaveAttribute('data-user', 'Alice');
    // Nobody sees a caret for themselves.
    await expect(alice.caretOf('Alice')).toHaveCount(0);
    await expect(bob.caretOf('Bob')).toHaveCount(0);

    // Reload: the text comes back from the server.
    await alice.reload();
    await expect.poll(() => alice.paragraphTexts()).toEqual([aliceText, bobText]);
    await expect(bob.presenceItems).toHaveCount(2);

    // And someone who opens the document after everyone left still finds it.
    await people.leave(alice);
    await people.leave(bob);
    const carol = await people.join('Carol', docName);
    await expect.poll(() => carol.paragraphTexts()).toEqual([aliceText, bobText]);
    await expect(carol.presenceItems).toHaveCount(1);
  });

  test('Ctrl+Z undoes only your own typing, Ctrl+Shift+Z brings it back', async ({ people }) => {
    const docName = uniqueDocName();
    const alice = await people.join('Alice', docName);
    const bob = await people.join('Bob', docName);

    await bob.editor.click();
    await bob.type('Van Bob.');
    await expect.poll(() => alice.paragraphTexts()).toEqual(['Van Bob.']);

    await alice.editor.click();
    await alice.page.keyboard.press('Control+End');
    await alice.type(' En van Alice.');
    await expect.poll(() => bob.paragraphTexts()).toEqual(['Van Bob. En van Alice.']);

    await alice.page.keyboard.press('Control+z');
    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual(['Van Bob.']);
    }

    await alice.page.keyboard.press('Control+Shift+z');
    for (const person of [alice, bob]) {
      await expect.poll(() => person.paragraphTexts()).toEqual(['Van Bob. En van Alice.']);
    }
  });

  test('a new display name reaches the others’ presence list and caret label', async ({ people }) => {
    const docName = uniqueDocName();
    const alice = await people.join('Alice', docName);
    const bob = await people.join('Bob', docName);

    await bob.editor.click();
    await bob.type('Hallo');
    await expect(alice.caretOf('Bob')).toBeVisible();

    await bob.rename('Bob de Bouwer');
    await expect(alice.presenceOf('Bob de Bouwer')).toBeVisible();
    await expect(alice.presenceOf('Bob')).toHaveCount(0);
    // A caret is only shown while its owner's editor has focus (typing in the name field
    // hides it); back in the text, it carries the new name.
    await bob.editor.click();
    await expect(alice.caretOf('Bob de Bouwer')).toBeVisible();

    // The name is remembered across a reload.
    await bob.reload();
    await expect(bob.nameInput).toHaveValue('Bob de Bouwer');
    await expect(alice.presenceOf('Bob de Bouwer')).toBeVisible();
  });
});
