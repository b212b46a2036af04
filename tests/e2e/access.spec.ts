import { errorCatalogue } from '../../shared/errors/index.ts';
import { accounts, expect, test, uniqueTitle } from './fixtures/people.ts';

const sanne = accounts.klantmanager;
const ahmed = accounts.onderzoeker1;
const joost = accounts.collega;

test.describe('toegang tot een cyclus', () => {
  test('the owner creates a cycle and invites a researcher; outsiders get no access; removal cuts an open editor off', async ({ people }) => {
    // The klantmanager logs in and starts a cycle.
    const owner = await people.arrive('klantmanager', { loggedIn: false });
    await owner.page.goto('/');
    await owner.logInViaForm();
    await expect(owner.page).toHaveURL(/\/cycli$/);

    const title = uniqueTitle('Reflectie op gesprek');
    const newCycle = owner.page.getByTestId('new-cycle-form');
    await newCycle.getByLabel('Titel').fill(title);
    await newCycle.getByLabel('Cliënt / gesprekspartner').fill('cliënt B');
    await newCycle.getByRole('button', { name: 'Cyclus aanmaken' }).click();

    // A new cycle opens on its first step (STEP-1), named in the address.
    await expect(owner.page).toHaveURL(/\/cycli\/[a-z0-9-]+\/opnames$/);
    const cycleUrl = new URL(owner.page.url()).pathname.replace(/\/opnames$/, '');
    await expect(owner.cycle.title).toHaveText(title);
    await expect(owner.page.getByTestId('cycle-counterpart')).toHaveText('met cliënt B');
    await expect(owner.page.getByTestId('cycle-status')).toHaveAttribute('data-status', 'active');
    await owner.cycle.waitUntilSynced();
    await expect(owner.cycle.members).toHaveCount(1);

    // She invites onderzoeker1 as researcher.
    const invite = owner.page.getByTestId('invite-form');
    await invite.getByLabel('E-mailadres').fill(ahmed.email);
    await invite.getByLabel('Rol').selectOption({ label: 'onderzoeker / coach' });
    await invite.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect(owner.page.getByTestId('members-notice')).toHaveText(`${ahmed.name} doet nu mee als onderzoeker / coach.`);
    await expect(owner.cycle.memberRow(ahmed.email)).toHaveAttribute('data-role', 'researcher');

    // Onderzoeker1, on another computer, finds it under "Mijn cycli" and opens it.
    const researcher = await people.arrive('onderzoeker1', { loggedIn: false });
    await researcher.page.goto('/cycli');
    await researcher.logInViaForm();
    const row = researcher.page.getByTestId('cycle-row').filter({ hasText: title });
    await expect(row).toContainText('onderzoeker / coach');
    await expect(row).toContainText(sanne.name);
    await row.getByRole('link', { name: title }).click();
    await expect(researcher.page).toHaveURL(new RegExp(`${cycleUrl}/opnames$`));
    await researcher.cycle.waitUntilSynced();
    // Only the owner manages participants.
    await expect(researcher.page.getByTestId('invite-form')).toHaveCount(0);
    await expect(researcher.page.getByRole('button', { name: /verwijderen uit deze cyclus/ })).toHaveCount(0);
    await expect(researcher.page.getByRole('button', { name: 'Archiveren' })).toHaveCount(0);

    // They write the report together and see each other's text.
    await expect(owner.cycle.presenceOf(ahmed.name)).toBeVisible();
    for (const page of [owner.page, researcher.page]) await page.getByRole('tab', { name: 'Verslag', exact: true }).click();
    await owner.cycle.clearReport();
    await owner.cycle.type('Leerdoel: meer open vragen stellen.');
    await expect.poll(() => researcher.cycle.paragraphTexts()).toEqual(['Leerdoel: meer open vragen stellen.']);
    await researcher.cycle.editor.click();
    await researcher.page.keyboard.press('Control+End');
    await researcher.page.keyboard.press('Enter');
    await researcher.cycle.type('Observatie: raakmoment bij 6:00.');
    await expect.poll(() => owner.cycle.paragraphTexts()).toEqual(['Leerdoel: meer open vragen stellen.', 'Observatie: raakmoment bij 6:00.']);

    // A colleague who was not invited gets a clear Dutch "no access", and no editor or socket.
    const colleague = await people.arrive('collega');
    const sockets: string[] = [];
    colleague.page.on('websocket', (ws) => sockets.push(ws.url()));
    await colleague.page.goto(cycleUrl);
    await expect(colleague.page.getByTestId('forbidden')).toContainText(errorCatalogue.forbidden.message);
    await expect(colleague.page.getByRole('heading', { level: 1 })).toHaveText('Geen toegang');
    await expect(colleague.cycle.editor).toHaveCount(0);
    await expect(colleague.page.getByText('Leerdoel')).toHaveCount(0);
    expect(sockets).toEqual([]);

    // The owner removes onderzoeker1 (after confirming) ...
    await owner.page.getByRole('button', { name: `${ahmed.name} verwijderen uit deze cyclus` }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Deelnemer verwijderen?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect(dialog).toBeHidden();
    await expect(owner.cycle.memberRow(ahmed.email)).toHaveCount(0);
    await expect(owner.page.getByTestId('members-notice')).toHaveText(`${ahmed.name} is verwijderd uit deze cyclus.`);

    // ... and the open editor of onderzoeker1 is cut off: no access, read-only, reason in Dutch.
    await expect(researcher.cycle.status).toHaveAttribute('data-status', 'refused');
    await expect(researcher.cycle.status).toHaveText('geen toegang');
    await expect(researcher.cycle.refusal).toContainText(errorCatalogue.forbidden.message);
    await expect(researcher.cycle.editor).toHaveAttribute('contenteditable', 'false');
    await expect(owner.cycle.presenceOf(ahmed.name)).toHaveCount(0);
    // Opening it again is refused before any content is shown.
    await researcher.page.reload();
    await expect(researcher.page.getByTestId('forbidden')).toContainText(errorCatalogue.forbidden.message);
    await expect(researcher.cycle.editor).toHaveCount(0);

    // "Wie heeft toegang gehad" shows who opened the report, the member changes and the refusal.
    await owner.page.getByRole('link', { name: 'Wie heeft toegang gehad' }).click();
    await expect(owner.page).toHaveURL(new RegExp(`${cycleUrl}/toegang$`));
    const log = owner.page.getByTestId('access-log');
    const entries = log.getByTestId('audit-entry');
    await expect(entries.filter({ hasText: ahmed.name }).and(owner.page.locator('[data-action="document_opened"]')).first()).toContainText('opende een document');
    await expect(entries.and(owner.page.locator('[data-action="document_opened"]')).first()).toContainText('het gedeelde cyclusdocument');
    await expect(entries.and(owner.page.locator('[data-action="member_added"]'))).toContainText(sanne.name);
    await expect(entries.and(owner.page.locator('[data-action="member_removed"]'))).toContainText('verwijderde een deelnemer');
    const denied = entries.and(owner.page.locator('[data-outcome="denied"]')).filter({ hasText: joost.name });
    await expect(denied.first()).toContainText('geweigerd');

    // LOG-1 Filtered on the server: only the removals, with a count; the CSV takes the same filter.
    const filters = owner.page.getByTestId('access-filters');
    await filters.getByLabel('Actie').selectOption({ label: 'verwijderde een deelnemer' });
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await expect(log.getByTestId('access-count')).toHaveText('1 regel · pagina 1 van 1');
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText(sanne.name);
    await expect(owner.page.getByTestId('access-csv')).toHaveAttribute('href', /audit\.csv\?action=member_removed$/);
    const csv = await owner.page.request.get((await owner.page.getByTestId('access-csv').getAttribute('href'))!);
    expect(await csv.text()).toContain('verwijderde een deelnemer');
    await expect(owner.page.getByTestId('edit-log')).toBeVisible();
  });

  test('the administrator never sees a cycle: a clear message instead of content', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();

    const admin = await people.arrive('beheerder');
    const sockets: string[] = [];
    admin.page.on('websocket', (ws) => sockets.push(ws.url()));
    await admin.page.goto('/');
    await expect(admin.page).toHaveURL(/\/beheer$/);

    await admin.page.goto(`/cycli/${cycleId}`);
    await expect(admin.page.getByTestId('forbidden')).toHaveAttribute('data-code', 'admin_no_content');
    await expect(admin.page.getByTestId('forbidden')).toContainText(errorCatalogue.admin_no_content.message);
    await expect(admin.cycle.editor).toHaveCount(0);
    await expect(admin.page.getByRole('link', { name: 'Naar beheer' })).toBeVisible();

    // "Mijn cycli" explains the same instead of listing anything.
    await admin.page.goto('/cycli');
    await expect(admin.page.getByRole('alert')).toHaveText(errorCatalogue.admin_no_content.message);
    await expect(admin.page.getByTestId('cycle-list')).toHaveCount(0);
    expect(sockets).toEqual([]);
  });

  test('the owner renames, archives and reactivates; members see the new title', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle('Oude titel');
    await owner.addMember(cycleId, ahmed);
    await owner.cycle.open(cycleId);

    await owner.page.getByRole('button', { name: 'Titel wijzigen' }).click();
    const form = owner.page.getByTestId('edit-cycle-form');
    await expect(form.getByLabel('Titel')).toBeFocused();
    await form.getByLabel('Titel').fill('Nieuwe titel');
    await form.getByLabel('Cliënt / gesprekspartner').fill('cliënt C');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(owner.cycle.title).toHaveText('Nieuwe titel');
    await expect(owner.page.getByTestId('cycle-counterpart')).toHaveText('met cliënt C');
    await expect(owner.page.getByRole('button', { name: 'Titel wijzigen' })).toBeFocused();

    await owner.page.getByRole('button', { name: 'Archiveren' }).click();
    await expect(owner.page.getByTestId('cycle-status')).toHaveAttribute('data-status', 'archived');
    await expect(owner.page.getByTestId('cycle-status')).toContainText('gearchiveerd');
    await owner.page.getByRole('button', { name: 'Weer actief maken' }).click();
    await expect(owner.page.getByTestId('cycle-status')).toHaveAttribute('data-status', 'active');

    const researcher = await people.arrive('onderzoeker1');
    await researcher.page.goto('/cycli');
    const row = researcher.page.locator(`[data-cycle-id="${cycleId}"]`);
    await expect(row).toContainText('Nieuwe titel');
    await expect(row).toContainText('cliënt C');
  });

  test('MAIL-1 inviting an unknown address asks the beheerder; people who already take part are explained', async ({ people }) => {
    const owner = await people.arrive('klantmanager');
    const cycleId = await owner.createCycle();
    await owner.addMember(cycleId, ahmed);
    await owner.cycle.open(cycleId);
    const invite = owner.page.getByTestId('invite-form');
    const email = invite.getByLabel('E-mailadres');

    const unknown = `onbekend-${Date.now().toString(36)}@kijkruimte.example`;
    await email.fill(unknown);
    await email.press('Enter');
    const ask = invite.getByTestId('request-account');
    await expect(ask).toContainText(`Nog geen account voor ${unknown}`);
    await ask.getByLabel('Naam (voor de beheerder)').fill('Onbekende Onderzoeker');
    await ask.getByRole('button', { name: 'Vraag de beheerder om een account' }).click();
    await expect(owner.page.getByTestId('members-notice')).toHaveText(`Je verzoek voor ${unknown} staat bij de beheerder.`);

    // The beheerder sees the request (who asked for whom, not which cycle).
    const admin = await people.arrive('beheerder');
    await admin.page.goto('/beheer');
    const request = admin.page.getByTestId('account-request').and(admin.page.locator(`[data-email="${unknown}"]`));
    await expect(request).toContainText('Onbekende Onderzoeker');
    await expect(request).toContainText(accounts.klantmanager.name);

    await email.fill(ahmed.email);
    await invite.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect(invite.getByText(errorCatalogue.already_member.message)).toBeVisible();

    await email.fill('geen-adres');
    await invite.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect(invite.getByText('Vul een geldig e-mailadres in.')).toBeVisible();
    await expect(owner.cycle.members).toHaveCount(2);
  });
});

test.describe('beheer en wachtwoorden', () => {
  test('the administrator creates an account and disables it', async ({ people }) => {
    const admin = await people.arrive('beheerder');
    await admin.page.goto('/beheer');
    await expect(admin.page).toHaveTitle('Beheer · Kijkruimte');
    for (const account of Object.values(accounts)) {
      await expect(admin.page.getByTestId('user-row').and(admin.page.locator(`[data-email="${account.email}"]`))).toBeVisible();
    }
    // The administrator cannot disable their own account.
    await expect(admin.page.getByRole('button', { name: `Account van ${accounts.beheerder.name} uitschakelen` })).toHaveCount(0);

    const email = `nieuw-${Date.now().toString(36)}@kijkruimte.example`;
    const form = admin.page.getByTestId('create-user-form');
    await form.getByLabel('Naam').fill('Nieuwe Collega');
    await form.getByLabel('E-mailadres').fill(email);
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect(admin.page.getByTestId('admin-notice')).toContainText('Het account van Nieuwe Collega is aangemaakt.');
    // No mail server in the tests: the one-time link is shown here, once.
    await expect(admin.page.getByTestId('one-time-link-value')).toHaveValue(/\/wachtwoord#token=[\w-]{20,}$/);
    const row = admin.page.getByTestId('user-row').and(admin.page.locator(`[data-email="${email}"]`));
    await expect(row).toHaveAttribute('data-disabled', 'false');

    // The same address twice is explained next to the field.
    await form.getByLabel('Naam').fill('Nog een keer');
    await form.getByLabel('E-mailadres').fill(email);
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect(form.getByText(errorCatalogue.user_exists.message)).toBeVisible();

    await row.getByRole('button', { name: 'Account van Nieuwe Collega uitschakelen' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Account uitschakelen?' });
    // The safe choice has focus; Escape cancels.
    await expect(dialog.getByRole('button', { name: 'Annuleren' })).toBeFocused();
    await admin.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(row).toHaveAttribute('data-disabled', 'false');

    await row.getByRole('button', { name: 'Account van Nieuwe Collega uitschakelen' }).click();
    await dialog.getByRole('button', { name: 'Ja, uitschakelen' }).click();
    await expect(row).toHaveAttribute('data-disabled', 'true');
    await expect(row).toContainText('uitgeschakeld');
    await expect(admin.page.getByTestId('admin-notice')).toHaveText('Het account van Nieuwe Collega is uitgeschakeld.');
  });

  test('a password link reads its token from the fragment and explains an invalid link', async ({ people }) => {
    const visitor = await people.arrive('onderzoeker2', { loggedIn: false });
    const requests: string[] = [];
    visitor.page.on('request', (request) => requests.push(request.url()));
    const token = 'a'.repeat(40);
    await visitor.page.goto(`/wachtwoord#token=${token}`);
    const form = visitor.page.getByTestId('set-password-form');
    await expect(form.getByRole('heading', { name: 'Kies je wachtwoord' })).toBeVisible();
    // The token leaves the address bar at once and never travels in a URL.
    await expect(visitor.page).toHaveURL(/\/wachtwoord$/);

    await form.getByLabel('Nieuw wachtwoord').fill('kort');
    await form.getByLabel('Herhaal het wachtwoord').fill('kort');
    await form.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    // Errors are tied to their field, so screen readers read them with it.
    await expect(form.getByLabel('Nieuw wachtwoord')).toHaveAccessibleDescription('Kies een wachtwoord van minstens 10 tekens.');

    await form.getByLabel('Nieuw wachtwoord').fill('een-lang-wachtwoord');
    await form.getByLabel('Herhaal het wachtwoord').fill('een-ander-wachtwoord');
    await form.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect(form.getByLabel('Herhaal het wachtwoord')).toHaveAccessibleDescription('De twee wachtwoorden zijn niet gelijk.');
    await expect(form.getByLabel('Nieuw wachtwoord')).toHaveAccessibleDescription('');

    await form.getByLabel('Herhaal het wachtwoord').fill('een-lang-wachtwoord');
    await form.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect(form.getByRole('alert')).toContainText(errorCatalogue.token_invalid.message);
    expect(requests.filter((url) => url.includes(token))).toEqual([]);

    // Without a token the page offers a reset link instead.
    await visitor.page.goto('/wachtwoord');
    const request = visitor.page.getByTestId('reset-request-form');
    await request.getByLabel('E-mailadres').fill(accounts.onderzoeker2.email);
    await request.getByRole('button', { name: 'Herstellink aanvragen' }).click();
    await expect(visitor.page.getByTestId('reset-sent')).toBeVisible();
  });
});
