import { localDate } from '@openiop/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** An active patient at Riverbend Portland, where the demo clinician works, and today in that clinic's zone. */
async function portlandPatient(): Promise<{ id: string; today: string }> {
  const rows = await env().database.query<{ id: string; time_zone: string }>(
    sql`select p.id, l.time_zone from patients p join locations l on l.id = p.location_id
        where p.care_status = 'active' and l.name = 'Riverbend Portland' order by p.mrn limit 1`,
  );
  if (!rows[0]) throw new Error('demo has no active Portland patient');
  return { id: rows[0].id, today: localDate(env().clock.now(), rows[0].time_zone) };
}

describe('a Part 2 consent on a phone: refused while incomplete, signed by typed name, revoked, then no disclosure', () => {
  it('walks the journey with axe on each new page', async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    const { id: patientId, today } = await portlandPatient();
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('heading', { name: 'Consents', level: 2 }).waitFor();
    await expectAccessible(page, 'chart with consents');

    await page.getByRole('link', { name: 'New consent' }).click();
    await page.getByRole('heading', { name: 'New consent', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /Part 2 consent to disclose/ }).check();
    await page.getByRole('checkbox', { name: 'Attendance and progress in treatment' }).check();
    await page.getByLabel('Description of the information').fill('Attendance letters for my employer');
    await page.getByRole('checkbox', { name: 'At the request of the patient' }).check();
    await page.getByRole('radio', { name: 'On a date' }).check();
    await page.getByLabel('Expiration date').fill('2030-01-31');
    await expectAccessible(page, 'new consent');
    await page.getByRole('button', { name: 'Start consent' }).click();

    await page.getByRole('heading', { name: 'Part 2 consent to disclose', level: 1 }).waitFor();
    await page.getByText('Required before signing').waitFor();
    await expectAccessible(page, 'draft consent');
    // Signing is refused while the recipient is missing, and the page says which element.
    await page.getByLabel('Full name of the person signing').fill('Test Signer');
    await page.getByRole('button', { name: 'Sign consent' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot be signed yet' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/recipient/i);

    await page.getByLabel('Recipient name').fill('Cascade Employee Assistance Program');
    await page.getByRole('button', { name: 'Add recipient' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await expect.poll(() => page.getByText('Required before signing').count()).toBe(0);
    await page.getByLabel('Full name of the person signing').fill('Test Signer');
    await page.getByRole('button', { name: 'Sign consent' }).click();
    await page.getByRole('heading', { name: 'Signature', level: 2 }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/Typed: Test Signer/);
    await expectAccessible(page, 'signed consent');

    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a disclosure' });
    await dialog.getByRole('checkbox', { name: 'Attendance and progress in treatment' }).check();
    await dialog.getByLabel('Description of what was sent').fill('Attendance letter for November');
    await dialog
      .getByText(/42 CFR part 2/)
      .first()
      .waitFor();
    await expectAccessible(page, 'record a disclosure');
    await dialog.getByRole('button', { name: 'Record disclosure' }).click();
    await page.getByText('Disclosure recorded with the redisclosure notice.').waitFor();
    await page.getByRole('heading', { name: 'Disclosures under this consent' }).waitFor();
    await page.getByRole('cell', { name: 'Cascade Employee Assistance Program' }).waitFor();

    await page.getByRole('button', { name: 'Revoke' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke consent' });
    await revoke.getByRole('radio', { name: /Verbally/ }).check();
    await expectAccessible(page, 'revoke dialog');
    await revoke.getByRole('button', { name: 'Revoke consent' }).click();
    await page.getByText('Consent revoked. No further disclosures can be made under it.').waitFor();
    expect(await page.getByRole('button', { name: 'Record a disclosure' }).count()).toBe(0);

    // The api refuses a disclosure under the revoked consent at once.
    const consentId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    const res = await page.request.post(`/api/v1/patients/${patientId}/disclosures`, {
      headers: { 'x-csrf-token': me.session.csrfToken },
      data: {
        consentId,
        recipient: { name: 'Cascade Employee Assistance Program' },
        disclosedOn: today,
        informationCategories: ['attendance_and_progress'],
        informationDescription: 'Another letter',
        purpose: 'patient_request',
      },
    });
    expect(res.status()).toBe(409);
    expect((await res.json()).reason).toBe('revoked');

    const pdf = await page.request.get(`/api/v1/patients/${patientId}/consents/${consentId}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('a telehealth consent signed by drawing on the pad', () => {
  it('draws with the pointer, signs, and shows the drawn signature', async () => {
    const page = await env().page(DESKTOP);
    await signIn(page, 'clinician@demo.openiop.test');
    const { id: patientId } = await portlandPatient();
    await page.goto(`/patients/${patientId}/consents/new`);
    await page.getByRole('radio', { name: /Telehealth consent/ }).check();
    await page.getByRole('button', { name: 'Start consent' }).click();
    await page.getByRole('heading', { name: 'Telehealth consent', level: 1 }).waitFor();
    await page.getByText('Draw', { exact: true }).click();
    const pad = page.getByRole('img', { name: /Signature pad, empty/ });
    const box = await pad.boundingBox();
    if (!box) throw new Error('no signature pad');
    await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 12; i += 1) await page.mouse.move(box.x + 40 + i * 25, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)));
    await page.mouse.up();
    await page.getByRole('img', { name: 'Signature pad with a drawn signature' }).waitFor();
    await page.getByRole('button', { name: 'Sign consent' }).click();
    await page.getByRole('img', { name: /Drawn signature of/ }).waitFor();
    await expectAccessible(page, 'drawn signature');
  });
});
