import { errorCatalogue } from '../../shared/errors/index.ts';
import { accounts, expect, test } from './fixtures/people.ts';

const collabSockets = /\/collab\//;

test.describe('inloggen en verbinding', () => {
  test('the start page asks to log in; after logging in it shows "Mijn cycli"', async ({ people }) => {
    const sanne = await people.arrive('klantmanager', { loggedIn: false });
    await sanne.page.goto('/');
    await expect(sanne.page).toHaveURL(/\/inloggen$/);
    await expect(sanne.page).toHaveTitle('Inloggen · Kijkruimte');

    await sanne.logInViaForm();
    await expect(sanne.page).toHaveURL(/\/cycli$/);
    await expect(sanne.page).toHaveTitle('Mijn cycli · Kijkruimte');
    // The demo cycle she owns is listed.
    await expect(sanne.page.getByTestId('cycle-row').filter({ hasText: 'Gesprek met cliënt A' })).toBeVisible();

    // Logging out ends the session: the start page asks to log in again.
    await sanne.page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(sanne.page).toHaveURL(/\/inloggen$/);
    await sanne.page.goto('/cycli');
    await expect(sanne.page).toHaveURL(/\/inloggen\?terug=%2Fcycli$/);
  });

  test('a wrong password gets one generic Dutch message', async ({ people }) => {
    const sanne = await people.arrive('klantmanager', { loggedIn: false });
    await sanne.page.goto('/inloggen');
    const form = sanne.page.getByTestId('login-form');
    await form.getByLabel('E-mailadres').fill(accounts.klantmanager.email);
    await form.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await form.getByLabel('Wachtwoord').press('Enter');
    await expect(sanne.page.getByTestId('login-error')).toHaveText(errorCatalogue.invalid_credentials.message);
    await expect(form.getByLabel('Wachtwoord')).toHaveValue('');

    // An unknown address gets exactly the same message.
    await form.getByLabel('E-mailadres').fill('niemand@kijkruimte.example');
    await form.getByLabel('Wachtwoord').fill('wat-dan-ook-123');
    await form.getByRole('button', { name: 'Inloggen' }).click();
    await expect(sanne.page.getByTestId('login-error')).toHaveText(errorCatalogue.invalid_credentials.message);
    await expect(sanne.page).toHaveURL(/\/inloggen$/);
  });

  test('a link to a cycle opened while logged out leads back to that cycle after logging in', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle('Terugkeer na inloggen');
    const sanne = await people.arrive('klantmanager', { loggedIn: false });
    await sanne.page.goto(`/cycli/${cycleId}`);
    await expect(sanne.page).toHaveURL(new RegExp(`/inloggen\\?terug=%2Fcycli%2F${cycleId}$`));
    await sanne.logInViaForm();
    await expect(sanne.cycle.title).toHaveText('Terugkeer na inloggen');
    await sanne.cycle.waitUntilSynced();
    // The address named no step: the new cycle opens on its first one (STEP-1).
    await expect(sanne.page).toHaveURL(new RegExp(`/cycli/${cycleId}/opnames$`));
  });

  test('a refused connection stops reconnecting, explains why in Dutch and leaves the report read-only', async ({ people }) => {
    const sanne = await people.arrive('klantmanager');
    const cycleId = await sanne.createCycle();
    let attempts = 0;
    // Stands in for a server that says "no access" (4403) to this document.
    await sanne.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      ws.close({ code: 4403, reason: 'forbidden' });
    });
    // A controllable clock: we can let the reconnect backoff (≤ 2.5 s) pass without sleeping.
    await sanne.page.clock.install();
    await sanne.cycle.open(cycleId, { waitForSync: false });

    const { status, refusal, editor } = sanne.cycle;
    await expect(status).toHaveAttribute('data-status', 'refused');
    await expect(status).toHaveAttribute('data-synced', 'false');
    await expect(status).toHaveText('geen toegang');
    await expect(refusal).toContainText(errorCatalogue.forbidden.message);
    await expect(editor).toHaveAttribute('contenteditable', 'false');

    await sanne.page.clock.runFor(30_000);
    expect(attempts).toBe(1);
    await expect(status).toHaveAttribute('data-status', 'refused');
  });

  test('DOCACCESS-1 a change the server refuses (4433) stops the connection for good and says why with the catalogue message', async ({ people }) => {
    const sanne = await people.arrive('klantmanager');
    const cycleId = await sanne.createCycle();
    let attempts = 0;
    // Stands in for the server's write check refusing what this socket sent.
    await sanne.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      ws.close({ code: 4433, reason: 'write_forbidden' });
    });
    await sanne.page.clock.install();
    await sanne.cycle.open(cycleId, { waitForSync: false });

    const { status, refusal, editor } = sanne.cycle;
    await expect(status).toHaveAttribute('data-status', 'refused');
    await expect(status).toHaveAttribute('data-code', 'write_forbidden');
    await expect(status).toHaveText('verbinding gestopt');
    await expect(refusal).toContainText(errorCatalogue.write_forbidden.message);
    await expect(editor).toHaveAttribute('contenteditable', 'false');

    await sanne.page.clock.runFor(30_000);
    expect(attempts).toBe(1);
    await expect(status).toHaveAttribute('data-status', 'refused');
  });

  test('a socket closed because the session ended (4401) sends the person to the login page', async ({ people }) => {
    const sanne = await people.arrive('klantmanager');
    const cycleId = await sanne.createCycle();
    await sanne.page.routeWebSocket(collabSockets, (ws) => ws.close({ code: 4401, reason: 'unauthenticated' }));
    await sanne.cycle.open(cycleId, { waitForSync: false });
    // Back to the same step afterwards (the step is part of the address, STEP-1).
    await expect(sanne.page).toHaveURL(new RegExp(`/inloggen\\?terug=%2Fcycli%2F${cycleId}%2Fverslag$`));
    await expect(sanne.page.getByTestId('login-expired')).toBeVisible();
  });

  test('a temporary close (room reset) reconnects by itself', async ({ people }) => {
    const sanne = await people.arrive('klantmanager');
    const cycleId = await sanne.createCycle();
    let attempts = 0;
    await sanne.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      // The first connection is reset by the "server"; later ones reach the real server.
      if (attempts === 1) ws.close({ code: 4409, reason: 'room reset' });
      else ws.connectToServer();
    });
    await sanne.cycle.open(cycleId);
    expect(attempts).toBeGreaterThanOrEqual(2);
    await expect(sanne.cycle.refusal).toHaveCount(0);
  });

  test('going offline shows "offline"; back online, edits made meanwhile reach the others', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, accounts.onderzoeker1);
    await owner.cycle.open(cycleId);
    const alice = owner.cycle;
    const bob = (await people.join('onderzoeker1', cycleId)).cycle;
    await alice.clearReport();
    await expect.poll(() => bob.paragraphTexts()).toEqual(['']);

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

  test('an address that cannot be a cycle shows "niet gevonden" without connecting', async ({ people }) => {
    const sanne = await people.arrive('klantmanager');
    let attempts = 0;
    await sanne.page.routeWebSocket(collabSockets, (ws) => {
      attempts += 1;
      ws.connectToServer();
    });
    await sanne.page.goto('/cycli/Geen%20Geldige%20Naam');
    await expect(sanne.page.getByTestId('not-found')).toContainText('Pagina niet gevonden');
    await expect(sanne.page).toHaveTitle('Niet gevonden · Kijkruimte');
    await expect(sanne.cycle.status).toHaveCount(0);
    // The way back works from the keyboard.
    await sanne.page.getByRole('link', { name: 'Naar Mijn cycli' }).press('Enter');
    await expect(sanne.page).toHaveURL(/\/cycli$/);
    expect(attempts).toBe(0);
  });
});
