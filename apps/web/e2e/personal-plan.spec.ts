import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();
const DAY = 86_400_000;

/**
 * An active patient of the demo clinician with nothing of issue 4 yet: no treatment plan, no measure assignments, no
 * open task. (Every demo patient has had a PHQ-9 at intake: it is the baseline.) Everything this journey shows comes from the journey.
 */
async function freshPatient(): Promise<{ id: string; familyName: string }> {
  const rows = await env().database.query<{ id: string; familyName: string }>(sql`
    select p.id, p.legal_family_name as "familyName" from patients p
    join episodes e on e.id = p.current_episode_id
    join users u on u.id = e.primary_clinician_id
    where u.email = 'clinician@demo.openiop.test' and p.care_status = 'active'
      and not exists (select 1 from treatment_plans t where t.patient_id = p.id)
      and not exists (select 1 from measure_assignments m where m.patient_id = p.id)
      and not exists (select 1 from tasks t where t.patient_id = p.id and t.status = 'open')
    order by p.mrn limit 1`);
  if (!rows[0]) throw new Error('the demo clinician has no active patient without a plan');
  return rows[0];
}

/**
 * The intake's dimensional assessment, finalised through the api as the signed-in clinician (the placement journey
 * drives this page; here it is the starting point): dimensions 3, 5 and 6 rated 2 or more become the plan's problems.
 */
async function finaliseAssessment(page: Page, patientId: string): Promise<void> {
  const me = await page.request.get('/api/v1/auth/me');
  const headers = { 'x-csrf-token': ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken };
  const ratings = { 1: { rating: 0 }, 2: { rating: 1 }, 3: { rating: 2 }, 4: { rating: 1 }, 5: { rating: 3 }, 6: { rating: 2 } };
  const created = await page.request.post(`/api/v1/patients/${patientId}/assessments`, { data: { ratings, flags: [] }, headers });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const finalised = await page.request.post(`/api/v1/patients/${patientId}/assessments/${id}/finalise`, {
    data: { chosenLevel: '2.1', differenceReason: 'Intensive outpatient fits the person’s work and childcare; reviewed with them.' },
    headers: { ...headers, 'if-match': '"1"' },
  });
  expect(finalised.status(), await finalised.text()).toBe(200);
}

async function clinician(viewport = DESKTOP): Promise<Page> {
  const page = await env().page(viewport);
  await signIn(page, 'clinician@demo.openiop.test');
  return page;
}

/** Answers every PHQ-9 item on the person's page with one option, item 9 (self-harm) "Not at all". */
async function answerPhq9(phone: Page, option: string) {
  await phone.getByRole('button', { name: 'Answer PHQ-9' }).click();
  for (let i = 1; i <= 9; i += 1)
    await phone
      .getByRole('radiogroup', { name: new RegExp(`^${i}\\. `) })
      .getByLabel(i === 9 ? 'Not at all' : option, { exact: true })
      .check();
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await phone.getByText('Thank you — your answers were sent to your care team.').waitFor();
}

describe('a personal plan the person can see', () => {
  it('plan from the intake → signed on a phone → PHQ-9 falls with response marked → a high-craving check-in reaches the worklist', async () => {
    const { id, familyName } = await freshPatient();

    // 1. The clinician starts the plan; its problems come from the intake's dimensional assessment.
    let staff = await clinician();
    await finaliseAssessment(staff, id);
    await staff.goto(`/patients/${id}`);
    await staff.getByRole('heading', { level: 2, name: 'Treatment plan' }).waitFor();
    await staff.getByRole('button', { name: 'Start treatment plan' }).click();
    await staff.getByRole('link', { name: 'Open the plan' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Treatment plan, version 1' }).waitFor();
    const firstProblem = staff.getByRole('group', { name: /^Problem 1 \((dimension \d|diagnosis)\)/ });
    await firstProblem.waitFor();
    expect(await firstProblem.getByLabel('Problem statement').inputValue()).not.toBe('');
    // Dimensions 3, 5 and 6 were rated 2 or more: each is a problem of its own.
    for (const d of [3, 5, 6]) await staff.getByRole('group', { name: new RegExp(`^Problem \\d+ \\(dimension ${d}\\)`) }).waitFor();
    // Keep the first problem only, and write its goal with the person.
    while ((await staff.getByRole('button', { name: 'Remove problem 2' }).count()) > 0)
      await staff.getByRole('button', { name: 'Remove problem 2' }).click();
    await firstProblem.getByRole('button', { name: 'Add goal' }).click();
    await staff.getByLabel("Goal 1.1, in the person's own words").fill('I want to stay sober for my kids and keep my job.');
    await staff.getByRole('button', { name: 'Add objective' }).click();
    await staff.getByLabel('Objective 1 (measurable)').fill('Attend 9 hours of group each week for four weeks');
    await staff.getByLabel('Target date').fill(new Date(env().clock.now().getTime() + 28 * DAY).toISOString().slice(0, 10));
    await staff.getByRole('button', { name: 'Add intervention' }).click();
    await staff.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Cognitive behavioural therapy (CBT)' });
    await expectAccessible(staff, 'plan draft editor');
    await staff.getByRole('button', { name: 'Save draft' }).click();
    await staff.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    // 2. The clinician signs; the person signs on their phone from a link.
    await staff.getByRole('button', { name: 'Sign as clinician' }).click();
    await staff.getByRole('button', { name: 'Send signing link to phone' }).click();
    const signDialog = staff.getByRole('dialog');
    const signPath = new URL(await signDialog.getByLabel('Link').inputValue()).pathname;
    const phone = await env().page(PHONE);
    await phone.goto(signPath);
    await phone.getByRole('heading', { level: 1, name: 'Your treatment plan' }).waitFor();
    await phone.getByText('I want to stay sober for my kids and keep my job.').waitFor();
    await expectAccessible(phone, 'signing page (phone)');
    await phone.getByRole('button', { name: 'Sign my plan' }).click();
    await phone.getByLabel('Your full name').fill('Demo Person');
    await phone.getByLabel(/I agree with this plan/).check();
    await phone.getByRole('button', { name: 'Sign my plan' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await staff.keyboard.press('Escape');
    await staff.reload();
    await staff.getByText('Signed', { exact: true }).first().waitFor();
    await expect.poll(async () => staff.getByText('The person: Demo Person').count()).toBe(1);
    await expectAccessible(staff, 'signed plan');

    // 3. Measurement-based care: PHQ-9 every two weeks and a daily check-in, answered on the person's measures link.
    await staff.goto(`/patients/${id}`);
    const mbc = staff.getByRole('region', { name: 'Measurement-based care' });
    await mbc.getByRole('button', { name: 'Assign' }).click();
    await mbc.getByText('Assigned PHQ-9.').waitFor();
    await mbc.getByRole('textbox', { name: 'Measure' }).click();
    await staff.getByRole('option', { name: /^Daily check-in/ }).click();
    await mbc.getByRole('button', { name: 'Assign' }).click();
    await mbc.getByText('Assigned Daily check-in.').waitFor();
    await mbc.getByRole('button', { name: /measures link/ }).click();
    const linkDialog = staff.getByRole('dialog');
    await linkDialog.getByRole('button', { name: 'Create link' }).click();
    const mePath = new URL(await linkDialog.getByLabel('Link').inputValue()).pathname;

    // Three PHQ-9s two weeks apart: 16, then 8, then 0.
    for (const [n, option] of ['More than half the days', 'Several days', 'Not at all'].entries()) {
      if (n > 0) env().clock.advance(14 * DAY);
      await phone.goto(mePath);
      await phone.getByRole('heading', { level: 1, name: /^Hi / }).waitFor();
      // The plan they signed is on their own page too.
      if (n === 0) await phone.getByRole('heading', { level: 2, name: 'My treatment plan' }).waitFor();
      await answerPhq9(phone, option);
    }
    await expectAccessible(phone, 'measures link page after answers (phone)');

    // 4. Today's check-in: craving 9 of 10, at or above the default threshold of 7.
    await phone.reload();
    await phone.getByRole('heading', { name: 'Daily check-in' }).waitFor();
    await phone
      .getByRole('radiogroup', { name: /How is your mood today/ })
      .getByLabel('Low', { exact: true })
      .check();
    await phone
      .getByRole('radiogroup', { name: /How strong is your craving/ })
      .getByLabel('9', { exact: true })
      .check();
    await phone
      .getByRole('radiogroup', { name: /Any alcohol or drug use/ })
      .getByLabel('No', { exact: true })
      .check();
    await phone.getByRole('button', { name: 'Send my check-in' }).click();
    await phone.getByText('Thank you — your check-in was sent to your care team.').waitFor();

    // Four weeks have passed: the clinician signs in again and sees the falling trend with the response marked.
    staff = await clinician(PHONE);
    await staff.goto(`/patients/${id}`);
    const trend = staff.getByRole('region', { name: 'Measurement-based care' });
    await trend.getByRole('img', { name: 'PHQ-9 scores over time' }).waitFor();
    const table = trend.getByRole('table', { name: 'PHQ-9 scores as a table' });
    // The intake's baseline, then the three answers oldest first: they fall, and the last is marked as a response
    // (50% or more below the baseline) and a remission (below 5).
    await expect.poll(async () => table.locator('tbody tr').count()).toBe(4);
    expect((await table.locator('tbody tr td:nth-child(2)').allTextContents()).slice(1)).toEqual(['16', '8', '0']);
    const marks = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(marks.at(-1)).toContain('Remission');
    expect(marks.at(-1)).toContain('Response');
    await expectAccessible(staff, 'chart with the PHQ-9 trend (phone)');

    // The check-in alert is on the clinician's worklist, urgent, and counted in the navigation.
    await staff.goto('/worklist');
    await staff.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await staff
      .getByRole('listitem')
      .filter({ hasText: familyName })
      .filter({ hasText: 'Daily check-in: craving at or above threshold' })
      .waitFor();
    await staff.waitForLoadState('networkidle');
    await expectAccessible(staff, 'worklist with the check-in alert (phone)');
  });
});
