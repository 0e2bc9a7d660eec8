import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** The demo person whose PHQ-9 history shows a response and whose last check-in alerted. */
async function showcase(): Promise<string> {
  const rows = await env().database.query<{ id: string }>(sql`
    select t.patient_id as id from tasks t join users u on u.id = t.assignee_user_id
    where u.email = 'clinician@demo.openiop.test' and t.kind = 'checkin_alert' and t.status = 'open' limit 1`);
  if (!rows[0]) throw new Error('the demo has no check-in alert for the clinician');
  return rows[0].id;
}

async function pick(page: Page, group: RegExp, label: string) {
  await page.getByRole('radiogroup', { name: group }).getByLabel(label, { exact: true }).check();
}

describe('measurement-based care', () => {
  it('the chart charts a PHQ-9 response; the person checks in on their measures link on a phone', async () => {
    const staff = await env().page(PHONE);
    await signIn(staff, 'clinician@demo.openiop.test');
    const id = await showcase();
    await staff.goto(`/patients/${id}`);
    const section = staff.getByRole('region', { name: 'Measurement-based care' });
    await section.getByRole('img', { name: 'PHQ-9 scores over time' }).waitFor();
    expect(await section.getByRole('table', { name: 'PHQ-9 scores as a table' }).textContent()).toContain('Response');
    await section.getByRole('img', { name: 'Craving over time (0–10)' }).waitFor();
    await expectAccessible(staff, 'chart: measurement-based care (phone)');

    await section.getByRole('button', { name: /measures link/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByRole('img', { name: 'QR code of the measures link' }).waitFor();
    const path = new URL(await dialog.getByLabel('Link').inputValue()).pathname;
    expect(path).toMatch(/^\/me\/[A-Za-z0-9_-]{43}$/);

    const phone = await env().page(PHONE);
    await phone.goto(path);
    await phone.getByRole('heading', { level: 1, name: /^Hi / }).waitFor();
    await phone.getByRole('heading', { name: 'Daily check-in' }).waitFor();
    await expectAccessible(phone, 'measures link page (phone)');
    await pick(phone, /How is your mood today/, 'Good');
    await pick(phone, /How strong is your craving/, '3');
    await pick(phone, /Any alcohol or drug use/, 'No');
    await phone.getByRole('button', { name: 'Send my check-in' }).click();
    await phone.getByText('Thank you — your check-in was sent to your care team.').waitFor();
    await expectAccessible(phone, 'check-in sent (phone)');

    await staff.keyboard.press('Escape');
    await staff.reload();
    await section.getByRole('table', { name: 'Recent check-ins, newest first' }).waitFor();
    expect(
      await section.getByRole('table', { name: 'Recent check-ins, newest first' }).locator('tbody tr').first().textContent(),
    ).toContain('3 / 10');
  });
});
