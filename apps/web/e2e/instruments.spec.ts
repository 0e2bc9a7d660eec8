import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** An active patient of the demo clinician with no open task, so the banner can only come from this test. */
async function clinicianPatient(offset: number): Promise<string> {
  const rows = await env().database.query<{ id: string }>(sql`
    select p.id from patients p
    join episodes e on e.id = p.current_episode_id
    join users u on u.id = e.primary_clinician_id
    where u.email = 'clinician@demo.openiop.test' and p.care_status = 'active'
      and not exists (select 1 from tasks t where t.patient_id = p.id and t.status = 'open')
    order by p.mrn offset ${offset} limit 1`);
  if (!rows[0]) throw new Error('the demo clinician has no active patient');
  return rows[0].id;
}

async function answer(page: Page, itemNumber: number, label: string) {
  await page
    .getByRole('radiogroup', { name: new RegExp(`^${itemNumber}\\. `) })
    .getByLabel(label, { exact: true })
    .check();
}

describe('instruments and safety tasks', () => {
  it('a clinician gives a PHQ-9 on a phone; item 9 above 0 raises the banner; resolving needs a note', async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    const id = await clinicianPatient(0);
    await page.goto(`/patients/${id}`);
    await page.getByRole('heading', { name: 'Measures', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Give an instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'Give an instrument' }).waitFor();
    await page.getByRole('textbox', { name: 'Instrument' }).click();
    await page.getByRole('option', { name: /^PHQ-9/ }).click();
    for (let i = 1; i <= 8; i += 1) await answer(page, i, 'Several days');
    await answer(page, 9, 'More than half the days');
    await expectAccessible(page, 'give an instrument (phone)');
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('heading', { level: 1, name: 'PHQ-9' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/10 · Moderate · screen positive/);
    await expectAccessible(page, 'questionnaire result (phone)');

    await page.getByRole('link', { name: 'Chart' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Urgent safety task open' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('PHQ-9 item 9');
    expect(await banner.textContent()).not.toContain('More than half the days');
    await expectAccessible(page, 'chart with safety banner (phone)');

    await banner.getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve safety task' });
    await dialog.getByRole('button', { name: 'Resolve task' }).click();
    await dialog.getByText('Write what was done before resolving').waitFor();
    await dialog.getByLabel(/Resolution note/).fill('Called the person; safety plan reviewed; no intent or plan.');
    await dialog.getByRole('button', { name: 'Resolve task' }).click();
    await banner.waitFor({ state: 'detached' });

    await page.goto('/tasks');
    await page.waitForURL('**/worklist');
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'worklist (phone)');
  });

  it('staff send a GAD-7 to the phone; the person fills it without signing in, once', async () => {
    const staff = await env().page();
    await signIn(staff, 'clinician@demo.openiop.test');
    const id = await clinicianPatient(1);
    await staff.goto(`/patients/${id}`);
    await staff.getByRole('button', { name: 'Send to phone' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Questionnaire' }).click();
    await staff.getByRole('option', { name: /^GAD-7/ }).click();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByRole('img', { name: 'QR code of the questionnaire link' }).waitFor();
    const link = await dialog.getByLabel('Link').inputValue();
    const path = new URL(link).pathname;
    expect(path).toMatch(/^\/fill\/[A-Za-z0-9_-]{43}$/);

    const phone = await env().page(PHONE);
    await phone.goto(path);
    await phone.getByRole('heading', { level: 1, name: 'GAD-7 questionnaire' }).waitFor();
    expect(await phone.getByRole('link', { name: '988' }).getAttribute('href')).toBe('tel:988');
    await expectAccessible(phone, 'public fill page (phone)');
    for (let i = 1; i <= 7; i += 1) await answer(phone, i, i <= 3 ? 'Nearly every day' : 'Not at all');
    await phone.getByRole('button', { name: 'Send my answers' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await expectAccessible(phone, 'thank-you page (phone)');

    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Already answered' }).waitFor();

    await staff.keyboard.press('Escape');
    await staff.reload();
    await staff.getByRole('link', { name: 'GAD-7' }).first().waitFor();
    expect(await staff.getByRole('row').filter({ hasText: 'by phone link' }).first().textContent()).toMatch(/9 · Mild/);
  });
});
