import { errorCatalogue } from '../../shared/errors/index.ts';
import { expect, test, uniqueDocName } from './fixtures/people.ts';

const collabSockets = /\/collab\//;

test.describe('verbinding', () => {
  test('the start page opens the demo document', async ({ people }) => {
    const alice = await people.arrive('Alice');
    await alice.page.goto('/');
    await expect(alice.page).toHaveURL(/\/documenten\/demo$/);
    await alice.waitUntilSynced();
    await expect(alice.page).toHaveTitle('demo · Kijkruimte');
  });

  test('a refused connection stops reconnecting and explains why in Dutch', async ({ people }) => {
    const alice = await people.arrive('Alice');
    let attempts = 0;
    // Stands in for a server that says "no access" (4403) to this document.
    await alice.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      ws.close({ code: 4403, reason: 'forbidden' });
    });
    // A controllable clock: we can let the reconnect backoff (≤ 2.5 s) pass without sleeping.
    await alice.page.clock.install();
    await alice.open(uniqueDocName(), { waitForSync: false });

    await expect(alice.status).toHaveAttribute('data-status', 'refused');
    await expect(alice.status).toHaveAttribute('data-synced', 'false');
    await expect(alice.status).toHaveText('geen toegang');
    await expect(alice.alert).toHaveText(errorCatalogue.forbidden.message);
    await expect(alice.editor).toHaveAttribute('contenteditable', 'false');

    await alice.page.clock.runFor(30_000);
    expect(attempts).toBe(1);
    await expect(alice.status).toHaveAttribute('data-status', 'refused');
  });

  test('a temporary close (room reset) reconnects by itself', async ({ people }) => {
    const docName = uniqueDocName();
    const alice = await people.arrive('Alice');
    let attempts = 0;
    await alice.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      // The first connection is reset by the "server"; later ones reach the real server.
      if (attempts === 1) ws.close({ code: 4409, reason: 'room reset' });
      else ws.connectToServer();
    });
    await alice.open(docName);
    expect(attempts).toBeGreaterThanOrEqual(2);
    await expect(alice.alert).toHaveCount(0);
  });

  test('going offline shows "offline"; back online, edits made meanwhile reach the others', async ({ people }) => {
    const docName = uniqueDocName();
    const alice = await people.join('Alice', docName);
    const bob = await people.join('Bob', docName);

    await alice.page.context().setOffline(true);
    await expect(alice.status).toHaveAttribute('data-status', 'offline');
    await expect(alice.status).toHaveText('offline');
    await expect(alice.status).toHaveAttribute('data-synced', 'false');

    await alice.editor.click();
    await alice.type('Geschreven zonder verbinding');

    await alice.page.context().setOffline(false);
    await alice.waitUntilSynced();
    await expect.poll(() => bob.paragraphTexts()).toEqual(['Geschreven zonder verbinding']);
  });

  test('an invalid document name is explained without connecting', async ({ people }) => {
    const alice = await people.arrive('Alice');
    let attempts = 0;
    await alice.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      ws.connectToServer();
    });
    await alice.page.goto('/documenten/Geen%20Geldige%20Naam');
    await expect(alice.alert).toContainText(errorCatalogue.invalid_doc_name.message);
    await expect(alice.status).toHaveCount(0);
    expect(attempts).toBe(0);
  });
});
