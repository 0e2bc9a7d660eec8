import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** The demo staff member's supervision as stored: supervisor's e-mail and whether co-signature is required. */
async function storedSupervision(email: string) {
  const rows = await env().database.query<{ supervisor: string; requiresCosign: boolean }>(
    sql`select s.email as supervisor, ss.requires_cosign as "requiresCosign" from staff_supervision ss
        join users u on u.id = ss.user_id join users s on s.id = ss.supervisor_id where u.email = ${email}`,
  );
  return rows;
}

describe('the Supervision page', () => {
  it('the director adds a supervision (the api refuses the same person on both sides), changes it, turns co-signing off, and reloads after a clash', async () => {
    const page = await env().page(DESKTOP);
    await signIn(page, 'director@demo.openiop.test');
    await page.getByRole('link', { name: 'Supervision', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    const table = page.getByRole('table', { name: 'Supervision' });
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name} `) });
    // The demo's peers are supervised by the director, with co-signature.
    await row('Jamie Fox').getByText('Dana Whitfield').waitFor();
    await row('Jamie Fox').getByText('Required', { exact: true }).waitFor();
    await expectAccessible(page, 'supervision list (desktop)');

    // The same person on both sides: the api's field error lands on Supervisor.
    await page.getByRole('button', { name: 'Add supervision' }).click();
    const add = page.getByRole('dialog', { name: 'Add supervision' });
    const supervisee = add.getByRole('combobox', { name: 'Supervisee' });
    const supervisor = add.getByRole('combobox', { name: 'Supervisor' });
    // Those who already have a supervisor are not offered; the admin and billing write no notes.
    const offered = await supervisee.locator('option').allInnerTexts();
    expect(offered).toContain('Priya Raman');
    expect(offered).not.toContain('Jamie Fox');
    expect(offered).not.toContain('Morgan Reyes');
    await supervisee.selectOption({ label: 'Sam Okafor' });
    await supervisor.selectOption({ label: 'Sam Okafor' });
    await add.getByRole('button', { name: 'Save supervision' }).click();
    await add.getByText('Cannot be the same person').waitFor();
    expect(await supervisor.getAttribute('aria-invalid')).toBe('true');
    // The first invalid field takes focus.
    await supervisor.and(page.locator(':focus')).waitFor();
    await expectAccessible(page, 'add supervision with a field error');
    expect(await storedSupervision('clinician@demo.openiop.test')).toEqual([]);

    await supervisor.selectOption({ label: 'Priya Raman' });
    await add.getByRole('button', { name: 'Save supervision' }).click();
    await add.waitFor({ state: 'detached' });
    await row('Sam Okafor').getByText('Priya Raman').waitFor();
    await row('Sam Okafor').getByText('Required', { exact: true }).waitFor();
    expect(await storedSupervision('clinician@demo.openiop.test')).toEqual([
      { supervisor: 'priya.raman@demo.openiop.test', requiresCosign: true },
    ]);

    // Change the supervisor and turn co-signing off.
    await page.getByRole('button', { name: 'Change supervision of Sam Okafor' }).click();
    const change = page.getByRole('dialog', { name: 'Change supervision' });
    await change.getByText('Supervisee: Sam Okafor').waitFor();
    // The supervisee is not offered as their own supervisor.
    expect(await change.getByRole('combobox', { name: 'Supervisor' }).locator('option').allInnerTexts()).not.toContain('Sam Okafor');
    await change.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: 'Dana Whitfield' });
    await change.getByRole('switch', { name: "Notes need the supervisor's co-signature" }).uncheck();
    await expectAccessible(page, 'change supervision');
    await change.getByRole('button', { name: 'Save supervision' }).click();
    await change.waitFor({ state: 'detached' });
    await row('Sam Okafor').getByText('Not required').waitFor();
    await row('Sam Okafor').getByText('Dana Whitfield').waitFor();
    expect(await storedSupervision('clinician@demo.openiop.test')).toEqual([
      { supervisor: 'director@demo.openiop.test', requiresCosign: false },
    ]);

    // Someone else saves Jamie's supervision while the dialog is open: If-Match is refused, nothing is overwritten.
    await page.getByRole('button', { name: 'Change supervision of Jamie Fox' }).click();
    await change.getByRole('switch', { name: "Notes need the supervisor's co-signature" }).uncheck();
    await env().database.query(
      sql`update staff_supervision set version = version + 1 where user_id = (select id from users where email = 'peer@demo.openiop.test')`,
    );
    await change.getByRole('button', { name: 'Save supervision' }).click();
    await change.getByText('This record was changed by someone else').waitFor();
    expect(await storedSupervision('peer@demo.openiop.test')).toEqual([{ supervisor: 'director@demo.openiop.test', requiresCosign: true }]);
    await change.getByRole('button', { name: 'Load latest version' }).click();
    await change.getByText('This record was changed by someone else').waitFor({ state: 'detached' });
    const cosign = change.getByRole('switch', { name: "Notes need the supervisor's co-signature" });
    expect(await cosign.isChecked()).toBe(true);
    await cosign.uncheck();
    await change.getByRole('button', { name: 'Save supervision' }).click();
    await change.waitFor({ state: 'detached' });
    await row('Jamie Fox').getByText('Not required').waitFor();
    expect(await storedSupervision('peer@demo.openiop.test')).toEqual([
      { supervisor: 'director@demo.openiop.test', requiresCosign: false },
    ]);
  });

  it('works by keyboard on a phone, shows a conflict on its field, and is not offered to a clinician', async () => {
    const phone = await env().page(PHONE);
    await signIn(phone, 'director@demo.openiop.test');
    await phone.goto('/admin/supervision');
    await phone.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    // Cards on a phone, so Change is in sight without scrolling sideways.
    const rosa = phone.getByRole('list', { name: 'Supervision' }).getByRole('listitem').filter({ hasText: 'Rosa Jimenez' });
    await rosa.getByText('Supervisor: Dana Whitfield').waitFor();
    const change = rosa.getByRole('button', { name: 'Change supervision of Rosa Jimenez' });
    expect(await change.isVisible()).toBe(true);
    const box = await change.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(phone, 'supervision list (phone)');

    await change.focus();
    await phone.keyboard.press('Enter');
    const dialog = phone.getByRole('dialog', { name: 'Change supervision' });
    await dialog.waitFor();
    // Focus starts on the supervisor, inside the dialog.
    await dialog.getByRole('combobox', { name: 'Supervisor' }).and(phone.locator(':focus')).waitFor();
    await expectAccessible(phone, 'change supervision (phone)');
    await phone.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await change.evaluate((el) => el === document.activeElement)).toBe(true);

    // Someone else gives Grace a supervisor while the dialog is open: the api's conflict lands on Supervisee.
    await phone.getByRole('button', { name: 'Add supervision' }).click();
    const add = phone.getByRole('dialog', { name: 'Add supervision' });
    await add.getByRole('combobox', { name: 'Supervisee' }).selectOption({ label: 'Grace Liu' });
    await add.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: 'Dana Whitfield' });
    await env().database.query(
      sql`insert into staff_supervision (organization_id, user_id, supervisor_id, requires_cosign)
          select u.organization_id, u.id, s.id, true from users u, users s
          where u.email = 'grace.liu@demo.openiop.test' and s.email = 'luis.ortega@demo.openiop.test'`,
    );
    await add.getByRole('button', { name: 'Save supervision' }).click();
    await add.getByText('Already supervised').waitFor();
    await add.getByRole('alert').getByText('This staff member already has a supervisor; change that one').waitFor();
    expect(await add.getByRole('combobox', { name: 'Supervisee' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(phone, 'add supervision with a conflict (phone)');
    await add.getByRole('button', { name: 'Cancel' }).click();
    await add.waitFor({ state: 'detached' });
    // The list caught up with the other change.
    await phone.getByRole('listitem').filter({ hasText: 'Grace Liu' }).getByText('Supervisor: Luis Ortega').waitFor();
    expect(await storedSupervision('grace.liu@demo.openiop.test')).toEqual([
      { supervisor: 'luis.ortega@demo.openiop.test', requiresCosign: true },
    ]);

    // Ending one asks first and says what it changes; keeping it changes nothing.
    const grace = phone.getByRole('listitem').filter({ hasText: 'Grace Liu' });
    await grace.getByRole('button', { name: 'End supervision of Grace Liu' }).click();
    const endDialog = phone.getByRole('dialog', { name: 'End supervision?' });
    await endDialog.getByText("Grace Liu's notes will lock when they sign them").waitFor();
    await expectAccessible(phone, 'end supervision (phone)');
    await endDialog.getByRole('button', { name: 'Keep supervision' }).click();
    await endDialog.waitFor({ state: 'detached' });
    expect(await storedSupervision('grace.liu@demo.openiop.test')).toHaveLength(1);
    await grace.getByRole('button', { name: 'End supervision of Grace Liu' }).click();
    await endDialog.getByRole('button', { name: 'End supervision' }).click();
    await endDialog.waitFor({ state: 'detached' });
    await grace.waitFor({ state: 'detached' });
    expect(await storedSupervision('grace.liu@demo.openiop.test')).toEqual([]);

    const clinician = await env().page(DESKTOP);
    await signIn(clinician, 'clinician@demo.openiop.test');
    await clinician.getByRole('link', { name: 'Notes', exact: true }).waitFor();
    expect(await clinician.getByRole('link', { name: 'Supervision', exact: true }).count()).toBe(0);
    await clinician.goto('/admin/supervision');
    await clinician.getByText("You don't have access to this page").waitFor();
  });
});
