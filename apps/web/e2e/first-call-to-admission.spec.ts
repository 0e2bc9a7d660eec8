import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** Answers item `n` of the questionnaire on screen (each item is a radio group named "n. …"). */
async function answer(page: Page, n: number, label: string) {
  await page
    .getByRole('radiogroup', { name: new RegExp(`^${n}\\. `) })
    .getByLabel(label, { exact: true })
    .check();
}

async function giveInstrument(page: Page, option: RegExp, answers: string[]) {
  await page.getByRole('link', { name: 'Give an instrument' }).click();
  await page.getByRole('heading', { level: 1, name: 'Give an instrument' }).waitFor();
  await page.getByRole('textbox', { name: 'Instrument' }).click();
  await page.getByRole('option', { name: option }).click();
  for (const [i, label] of answers.entries()) await answer(page, i + 1, label);
  await page.getByRole('button', { name: 'Submit' }).click();
}

/**
 * Issue 3's whole journey, across its four parts: a request for help → the admissions board → pre-screen → a
 * patient record → PHQ-9 and AUDIT on a phone (item 9 raises the safety task) → six ratings → the recommendation
 * with its reasons → a Part 2 consent signed → admitted from the inquiry as that patient → the chart shows the
 * episode.
 */
describe('from the first call to admission', () => {
  it('walks inquiry, pre-screen, intake instruments, placement, Part 2 consent and admission', async () => {
    const given = 'Marisol';
    const family = 'Quenneville';
    const phone = '503 555 0143';

    // 1. The person asks for help on a phone, without signing in.
    const visitor = await env().page(PHONE);
    await visitor.goto('/help/riverbend');
    await visitor.getByLabel('Your first name').fill(given);
    await visitor.getByLabel('Your last name (optional)').fill(family);
    await visitor.getByLabel('Phone', { exact: true }).fill(phone);
    env().clock.advance(10_000);
    await visitor.getByRole('button', { name: 'Send my request' }).click();
    await visitor.getByText(/within one business day/).waitFor();

    // 2. The director pre-screens the inquiry from the board.
    const desk = await env().page(DESKTOP);
    await signIn(desk, 'director@demo.openiop.test');
    await desk.goto('/admissions');
    await desk.getByRole('link', { name: `${given} ${family}` }).click();
    await desk.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
    const inquiryUrl = desk.url();
    await desk.getByRole('tab', { name: 'Pre-screen' }).click();
    for (const group of await desk.getByRole('radiogroup').all()) await group.getByRole('radio', { name: 'No', exact: true }).check();
    for (const name of ['Has a way to get to the program?', 'Can attend at the program’s times?'])
      await desk.getByRole('radiogroup', { name }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await desk.getByRole('textbox', { name: 'Housing' }).click();
    await desk.getByRole('option', { name: 'Stable and safe' }).click();
    await desk.getByRole('button', { name: 'Save pre-screen' }).click();
    await desk.getByText('IOP appropriate').first().waitFor();

    // 3. Intake is booked: the patient record is made before the intake appointment.
    await desk.goto('/patients/new');
    await desk.getByLabel('Legal first name').fill(given);
    await desk.getByLabel('Legal last name').fill(family);
    await desk.getByLabel('Date of birth').fill('1990-08-21');
    await desk.getByRole('textbox', { name: 'Sex assigned at birth' }).click();
    await desk.getByRole('option', { name: 'Female' }).click();
    await desk.getByRole('textbox', { name: 'Location', exact: true }).click();
    await desk.getByRole('option', { name: 'Riverbend Portland' }).click();
    await desk.getByLabel('Phone', { exact: true }).fill(phone);
    await desk.getByRole('button', { name: 'Save patient' }).click();
    await desk.getByRole('heading', { level: 1, name: new RegExp(`${given} ${family}`) }).waitFor();
    const chartPath = new URL(desk.url()).pathname;

    // 4. At intake, on a phone: PHQ-9 (item 9 answered above 0) and AUDIT.
    const tablet = await env().page(PHONE);
    await signIn(tablet, 'director@demo.openiop.test');
    await tablet.goto(chartPath);
    await tablet.getByRole('heading', { name: 'Measures', exact: true }).waitFor();
    await giveInstrument(tablet, /^PHQ-9/, Array<string>(9).fill('Several days'));
    await expect.poll(() => tablet.locator('main').textContent()).toMatch(/9 · Mild/);
    await tablet.getByRole('link', { name: 'Chart' }).click();
    const banner = tablet.getByRole('alert').filter({ hasText: 'Urgent safety task open' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('PHQ-9 item 9');
    const audit = ['2 to 4 times a month', '3 or 4', 'Monthly', ...Array<string>(5).fill('Less than monthly')];
    await giveInstrument(tablet, /^AUDIT(?!-C)/, [...audit, 'No', 'Yes, but not in the last year']);
    await expect.poll(() => tablet.locator('main').textContent()).toMatch(/12 · Hazardous/);
    await expectAccessible(tablet, 'AUDIT result (phone)');

    // 5. Six ratings → the recommendation, with every rule that fired in plain words.
    await desk.goto(chartPath);
    await desk.getByRole('heading', { name: 'Intake and placement' }).waitFor();
    await desk.getByRole('button', { name: 'Start assessment' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dimensional assessment' }).waitFor();
    for (const [i, r] of [2, 0, 2, 2, 2, 1].entries()) {
      await desk
        .getByRole('group', { name: new RegExp(`^Dimension ${i + 1}:`) })
        .getByRole('radio', { name: new RegExp(`^${r} — `) })
        .check();
    }
    // Dimension 3's evidence links the PHQ-9 given at intake.
    await desk
      .getByRole('group', { name: /^Dimension 3:/ })
      .getByLabel('Instrument scores')
      .click();
    await desk.getByRole('option', { name: /^PHQ-9 · 9 · Mild/ }).click();
    await desk.keyboard.press('Escape');
    await expect.poll(() => desk.getByTestId('recommended-level').textContent()).toBe('2.1 Intensive outpatient');
    expect(await desk.getByRole('list', { name: 'Rules that fired' }).textContent()).toContain('Because: Dimension 1');
    await desk.getByRole('textbox', { name: 'Chosen level of care' }).click();
    await desk.getByRole('option', { name: '2.1 Intensive outpatient' }).click();
    await desk.getByText('All changes saved').waitFor();
    await desk.getByRole('button', { name: 'Finalise assessment' }).click();
    await desk.getByText(/^Finalised by/).waitFor();
    const [linked] = await env().database.query<{ n: number }>(
      sql`select jsonb_array_length(ratings->'3'->'instrumentAdministrationIds')::int as n from dimensional_assessments
          where patient_id = ${chartPath.split('/')[2] ?? ''}::uuid and status = 'final'`,
    );
    expect(linked?.n).toBe(1);

    // 6. A Part 2 consent to disclose to the person's EAP, signed by typed name.
    await desk.goto(chartPath);
    await desk.getByRole('link', { name: 'New consent' }).click();
    await desk.getByRole('radio', { name: /Part 2 consent to disclose/ }).check();
    await desk.getByRole('checkbox', { name: 'Attendance and progress in treatment' }).check();
    await desk.getByLabel('Description of the information').fill('Attendance letters for my employer');
    await desk.getByRole('checkbox', { name: 'At the request of the patient' }).check();
    await desk.getByRole('radio', { name: 'On a date' }).check();
    await desk.getByLabel('Expiration date').fill('2030-01-31');
    await desk.getByRole('button', { name: 'Start consent' }).click();
    await desk.getByRole('heading', { name: 'Part 2 consent to disclose', level: 1 }).waitFor();
    await desk.getByLabel('Recipient name').fill('Cascade Employee Assistance Program');
    await desk.getByRole('button', { name: 'Add recipient' }).click();
    await desk.getByRole('button', { name: 'Save draft' }).click();
    await desk.getByText('Draft saved.').waitFor();
    await desk.getByLabel('Full name of the person signing').fill(`${given} ${family}`);
    await desk.getByRole('button', { name: 'Sign consent' }).click();
    await desk.getByRole('heading', { name: 'Signature', level: 2 }).waitFor();

    // 7. Back on the inquiry: the record made at intake is found, and the inquiry is admitted as that patient.
    await desk.goto(inquiryUrl);
    await desk.getByRole('tab', { name: /Existing records/ }).click();
    await desk.getByRole('button', { name: 'Admit as this patient' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Admit' });
    await dialog.getByText('Admitting as the existing patient you chose').waitFor();
    await dialog.getByRole('textbox', { name: 'Location' }).click();
    await desk.getByRole('option', { name: 'Riverbend Portland' }).click();
    await dialog.getByRole('button', { name: 'Admit' }).click();
    await desk.getByRole('link', { name: 'Open the patient’s chart' }).click();

    // 8. The chart: the episode at intensive outpatient, the safety banner still open until a clinician resolves it.
    await desk.getByRole('heading', { level: 1, name: new RegExp(`${given} ${family}`) }).waitFor();
    expect(new URL(desk.url()).pathname).toBe(chartPath);
    await expect.poll(() => desk.locator('main').textContent()).toMatch(/Intensive outpatient/);
    await desk.getByRole('alert').filter({ hasText: 'Urgent safety task open' }).waitFor();
    await expectAccessible(desk, 'chart after admission');
  });
});
