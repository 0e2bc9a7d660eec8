import { sql } from 'drizzle-orm';
import { describe, it } from 'vitest';
import { PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** An active patient of the demo clinician whose relapse-prevention plan is finalised (the demo seeds every other one). */
async function patientWithPlan(): Promise<{ id: string; planId: string }> {
  const rows = await env().database.query<{ id: string; planId: string }>(sql`
    select p.id, r.id as "planId" from patients p
    join episodes e on e.id = p.current_episode_id
    join users u on u.id = e.primary_clinician_id
    join relapse_plans r on r.patient_id = p.id and r.status = 'final'
    where u.email = 'clinician@demo.openiop.test' and p.care_status = 'active'
    order by p.mrn, r.number desc limit 1`);
  if (!rows[0]) throw new Error('the demo clinician has no patient with a relapse-prevention plan');
  return rows[0];
}

describe('the personal record on a phone', () => {
  it('problem list, medications, flags and the relapse plan in the chart; a diagnosis added by search; the worklist', async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    const { id, planId } = await patientWithPlan();
    await page.goto(`/patients/${id}`);
    await page.getByRole('heading', { name: 'Problem list' }).waitFor();
    await page.getByRole('group', { name: 'Allergies and alerts' }).waitFor();
    await page.getByRole('heading', { name: 'Medications' }).waitFor();
    await page.getByRole('heading', { name: 'Relapse-prevention plan' }).waitFor();
    await page.getByRole('list', { name: 'Plan versions' }).waitFor();

    await page.getByRole('button', { name: 'Add diagnosis' }).click();
    await page.getByLabel('Find a code').fill('PTSD chronic');
    await page.getByRole('button', { name: /F43\.12/ }).click();
    await page.getByRole('button', { name: 'Add diagnosis' }).click();
    await page.getByRole('heading', { name: /F43\.12 · Post-traumatic stress disorder, chronic/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'chart with the personal record (phone)');

    await page.goto(`/patients/${id}/relapse-plans/${planId}`);
    await page.getByRole('heading', { name: 'My relapse-prevention plan' }).waitFor();
    await page.getByRole('heading', { name: 'People to call' }).waitFor();
    await expectAccessible(page, 'relapse-prevention plan (phone)');

    // A new version starts as a copy of the current one, is edited with the person, and finalised.
    await page.goto(`/patients/${id}`);
    await page.getByRole('button', { name: 'Start a new version' }).click();
    await page.getByRole('heading', { level: 1, name: /\(draft\)$/ }).waitFor();
    const coping = page.getByLabel('Coping strategies that work for me');
    await coping.fill(`${await coping.inputValue()}\nbox breathing`);
    await page.getByLabel('Phone 1').fill('not a phone');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('must be a phone number').waitFor();
    await page.getByLabel('Phone 1').fill('+1 503 555 0142');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expectAccessible(page, 'relapse-plan draft (phone)');
    await page.getByRole('button', { name: 'Finalise' }).click();
    await page.getByRole('heading', { name: 'What works for me' }).waitFor();
    await page.getByText('box breathing').waitFor();

    await page.goto('/tasks');
    await page.waitForURL('**/worklist');
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'worklist (phone)');
  });
});
