import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** An active person of the demo clinician at an IOP level of care. */
async function clinicianPatient(): Promise<string> {
  const rows = await env().database.query<{ id: string }>(sql`
    select p.id from patients p
    join episodes e on e.id = p.current_episode_id
    join users u on u.id = e.primary_clinician_id
    where u.email = 'clinician@demo.openiop.test' and p.care_status = 'active' and e.level_of_care = '2.1'
    order by p.mrn desc limit 1`);
  if (!rows[0]) throw new Error('the demo clinician has no active IOP patient');
  return rows[0].id;
}

/** The times cell of a day's row in a week table. */
const dayCell = (page: Page, table: string, day: string) =>
  page
    .getByRole('table', { name: table })
    .getByRole('row', { name: new RegExp(`^${day}`) })
    .getByRole('cell');

describe('availability', () => {
  it('the person enters busy times on a phone from their link, sees their free times, saves; staff see them in the chart', async () => {
    const staff = await env().page(PHONE);
    await signIn(staff, 'clinician@demo.openiop.test');
    const id = await clinicianPatient();
    await staff.goto(`/patients/${id}`);
    const mbc = staff.getByRole('region', { name: 'Measurement-based care' });
    await mbc.getByRole('button', { name: /measures link/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByRole('img', { name: 'QR code of the measures link' }).waitFor();
    const path = new URL(await dialog.getByLabel('Link').inputValue()).pathname;
    await staff.keyboard.press('Escape');

    const phone = await env().page(PHONE);
    await phone.goto(path);
    await phone.getByRole('heading', { name: 'When you can come' }).waitFor();
    await phone.getByRole('link', { name: 'My times' }).click();
    await phone.waitForURL(/\/availability$/);
    await phone.getByRole('heading', { level: 1, name: /^When you can come, / }).waitFor();
    await phone.getByText('When I am busy', { exact: true }).click();
    await expectAccessible(phone, 'the person’s availability page (phone)');

    // Work Monday to Friday 09:00–17:00 (the default of a new busy time), then travel after it.
    await phone.getByRole('button', { name: 'Add a busy time' }).click();
    const work = phone.getByRole('group', { name: 'Busy time 1' });
    await work.getByLabel('What keeps me busy (Busy time 1)').selectOption('work');
    // Childcare on Saturday morning, entered by keyboard only.
    await phone.getByRole('button', { name: 'Add a busy time' }).focus();
    await phone.keyboard.press('Enter');
    const kids = phone.getByRole('group', { name: 'Busy time 2' });
    await kids.getByLabel('What keeps me busy (Busy time 2)').selectOption('childcare');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await kids.getByLabel(`${day} (Busy time 2)`).focus();
      await phone.keyboard.press('Space');
    }
    await kids.getByLabel('Saturday (Busy time 2)').focus();
    await phone.keyboard.press('Space');
    await kids.getByLabel('From').selectOption({ label: '08:00' });
    await kids.getByLabel('To').selectOption({ label: '12:30' });

    const free = 'Free times, by day';
    expect(await dayCell(phone, free, 'Monday').textContent()).toBe('07:00–09:00, 17:00–22:00');
    expect(await dayCell(phone, free, 'Saturday').textContent()).toBe('07:00–08:00, 12:30–22:00');
    expect(await dayCell(phone, free, 'Sunday').textContent()).toBe('07:00–22:00');

    await phone.getByLabel('Prefer Tuesday').check();
    await phone.getByLabel(/Anything we should know/).fill('I take the bus; it gets in at 17:40.');
    await phone.getByRole('button', { name: 'Save my times' }).click();
    await phone.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await dayCell(phone, free, 'Monday').textContent()).toBe('07:00–09:00, 17:00–22:00');
    await expectAccessible(phone, 'availability saved (phone)');

    await staff.reload();
    const section = staff.getByRole('region', { name: 'Availability' });
    const grid = 'When they can attend (clinic time)';
    await section.getByRole('table', { name: grid }).waitFor();
    expect(await dayCell(staff, grid, 'Friday').textContent()).toBe('07:00–09:00, 17:00–22:00');
    expect(await dayCell(staff, grid, 'Saturday').textContent()).toBe('07:00–08:00, 12:30–22:00');
    await section.getByText('by the person').waitFor();
    await section.getByText(/Available 60\.5 h a week over 7 days/).waitFor();
    expect(await section.textContent()).toContain('I take the bus');
    await expectAccessible(staff, 'chart: availability (phone)');

    // Staff take Saturday out in the form: the warning and the grid follow.
    await section.getByRole('button', { name: 'Edit availability' }).click();
    const form = section.getByRole('form', { name: 'Edit availability' });
    await expectAccessible(staff, 'chart: availability form (phone)');
    // Rows follow the stored windows: two a day Monday to Saturday, then Sunday; window 11 is Saturday 07:00–08:00.
    const saturday = form.getByRole('group', { name: 'Window 11' });
    expect(await saturday.getByLabel('Saturday (Window 11)').isChecked()).toBe(true);
    await saturday.getByRole('button', { name: 'Remove window 11' }).click();
    await form.getByRole('button', { name: 'Save availability' }).click();
    await section.getByRole('button', { name: 'Edit availability' }).waitFor();
    expect(await dayCell(staff, grid, 'Saturday').textContent()).toBe('12:30–22:00');
  });

  it('a staff member keeps their own working hours and leave on their account page', async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    await page.goto('/account/security');
    const section = page.getByRole('region', { name: 'My working hours & leave' });
    await section.getByRole('button', { name: 'Edit working hours' }).click();
    const form = section.getByRole('form', { name: 'Edit working hours' });
    // Start from none (demo data may have given them hours), then Monday to Friday 09:00–17:00, the new row's default.
    const first = form.getByRole('button', { name: 'Remove working hours 1' });
    while ((await first.count()) > 0) await first.click();
    await form.getByRole('button', { name: 'Add working hours' }).click();
    await expect.poll(() => form.getByLabel('Caseload cap').isDisabled()).toBe(true);
    await expectAccessible(page, 'account: working hours form (phone)');
    await form.getByRole('button', { name: 'Save working hours' }).click();
    await section.getByRole('list', { name: 'Working hours' }).waitFor();
    expect(await section.getByRole('list', { name: 'Working hours' }).textContent()).toContain('Monday 09:00–17:00');

    await section.getByLabel('First day off').fill('2031-01-06');
    await section.getByLabel('Last day off').fill('2031-01-10');
    await section.getByLabel('Reason').fill('Holiday');
    await section.getByRole('button', { name: 'Add leave' }).click();
    await section.getByRole('list', { name: 'Leave' }).waitFor();
    await section.getByLabel('First day off').fill('2031-01-10');
    await section.getByRole('button', { name: 'Add leave' }).click();
    await section.getByText(/overlaps leave from 2031-01-06/).waitFor();
    await expectAccessible(page, 'account: working hours and leave (phone)');

    // The director sees them on the clinician's user page and sets the caps there.
    const [clinician] = await env().database.query<{ id: string }>(sql`select id from users where email = 'clinician@demo.openiop.test'`);
    const director = await env().page(PHONE);
    await signIn(director, 'director@demo.openiop.test');
    await director.goto(`/admin/users/${clinician?.id ?? ''}`);
    const theirs = director.getByRole('region', { name: 'Working hours & leave' });
    expect(await theirs.getByRole('list', { name: 'Leave' }).textContent()).toContain('Holiday');
    await theirs.getByRole('button', { name: 'Edit working hours' }).click();
    await theirs.getByLabel('Caseload cap').fill('25');
    await theirs.getByRole('button', { name: 'Save working hours' }).click();
    await theirs.getByText(/Caseload cap: 25/).waitFor();
    await expectAccessible(director, 'user page: working hours and leave (phone)');
  });
});
