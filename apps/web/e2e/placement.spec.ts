import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, PHONE, signIn, useE2E } from './harness';

const env = useE2E();

/** An active demo patient at the Portland clinic, where the demo clinician works. */
async function portlandPatient(offset: number): Promise<string> {
  const rows = await env().database.query<{ id: string }>(
    sql`select p.id from patients p join locations l on l.id = p.location_id
        where l.name = 'Riverbend Portland' and p.care_status = 'active' order by p.mrn offset ${offset} limit 1`,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no demo patient');
  return id;
}

describe('dimensional assessment: ratings → explained recommendation → a different level with a reason → finalised', () => {
  it('on a phone, keyboard-labelled controls, axe-clean', async () => {
    const patientId = await portlandPatient(0);
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('heading', { name: 'Intake and placement' }).waitFor();
    await page.getByRole('button', { name: 'Start assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dimensional assessment' }).waitFor();
    await expectAccessible(page, 'new assessment (phone)');
    await expect.poll(() => page.getByText('Rate all six dimensions to see a recommendation').count()).toBe(1);

    const ratings = [2, 0, 2, 2, 2, 1];
    for (const [i, r] of ratings.entries()) {
      const group = page.getByRole('group', { name: new RegExp(`^Dimension ${i + 1}:`) });
      await group.getByRole('radio', { name: new RegExp(`^${r} — `) }).check();
    }
    await page
      .getByRole('group', { name: /^Dimension 3:/ })
      .getByLabel('Evidence')
      .fill('PHQ-9 moderate; no safety concerns');

    await expect.poll(() => page.getByTestId('recommended-level').textContent()).toBe('2.1 Intensive outpatient');
    const rules = page.getByRole('list', { name: 'Rules that fired' });
    expect(await rules.textContent()).toContain('Moderate withdrawal risk can be managed alongside intensive outpatient care');
    expect(await rules.textContent()).toContain('Because: Dimension 1 (Intoxication and withdrawal) rated 2');
    await expectAccessible(page, 'assessment with recommendation (phone)');

    await page.getByRole('textbox', { name: 'Chosen level of care' }).click();
    await page.getByRole('option', { name: '1.0 Outpatient' }).click();
    const reason = page.getByLabel(/Reason the chosen level differs/);
    await reason.waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Finalise assessment' }).isDisabled()).toBe(true);
    await reason.fill('Works nights; weekly outpatient until the evening track opens');
    await page.getByText('All changes saved').waitFor();
    await page.getByRole('button', { name: 'Finalise assessment' }).click();
    await page.getByText(/^Finalised by/).waitFor();
    await expectAccessible(page, 'finalised assessment (phone)');

    const [stored] = await env().database.query<Record<string, string>>(
      sql`select status, recommended_level, chosen_level, difference_reason, rule_set_version from dimensional_assessments
          where patient_id = ${patientId}::uuid order by created_at desc limit 1`,
    );
    expect(stored).toEqual({
      status: 'final',
      recommended_level: '2.1',
      chosen_level: '1.0',
      difference_reason: 'Works nights; weekly outpatient until the evening track opens',
      rule_set_version: '2026.1',
    });
  });

  it('the intake form autosaves a draft on a phone, moves focus to a new substance row; signed and final records read back; axe-clean', async () => {
    const patientId = await portlandPatient(1);
    const page = await env().page(PHONE);
    await signIn(page, 'clinician@demo.openiop.test');
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('button', { name: 'Start intake' }).click();
    await page.getByRole('heading', { level: 1, name: 'Biopsychosocial intake' }).waitFor();
    await page.getByLabel('Reason for seeking help now').fill('Drinking daily since losing a job');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: /Substance use history/ }).click();
    await page.getByRole('button', { name: 'Add substance' }).click();
    await page.locator('#substance-0-name').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 5000 }).toBe('substance-0-name');
    await page.keyboard.type('Alcohol');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('region', { name: 'Completeness' }).textContent()).toContain('Substance 1: age at first use');
    await expectAccessible(page, 'intake draft');

    const [row] = await env().database.query<{ doc: string; version: number }>(
      sql`select document::text as doc, version from intakes where patient_id = ${patientId}::uuid order by created_at desc limit 1`,
    );
    expect(row?.doc).toContain('Alcohol');
    expect(row?.version).toBeGreaterThan(1);

    // A signed demo intake reads back as a locked record with an addendum form.
    const [signed] = await env().database.query<{ id: string; patient_id: string }>(
      sql`select i.id, i.patient_id from intakes i join patients p on p.id = i.patient_id join locations l on l.id = p.location_id
          where i.status = 'signed' and l.name = 'Riverbend Portland' limit 1`,
    );
    if (!signed) throw new Error('the demo has no signed intake at Portland');
    await page.goto(`/patients/${signed.patient_id}/intakes/${signed.id}`);
    await page.getByText(/^Signed by/).waitFor();
    await page.getByRole('heading', { name: 'Addenda' }).waitFor();
    await expectAccessible(page, 'signed intake (phone)');

    // A finalised demo placement on a desktop: the stored recommendation, its rules and the decision.
    await page.setViewportSize(DESKTOP);
    const [placed] = await env().database.query<{ id: string; patient_id: string; chosen_level: string }>(
      sql`select a.id, a.patient_id, a.chosen_level from dimensional_assessments a join patients p on p.id = a.patient_id
          join locations l on l.id = p.location_id where a.status = 'final' and l.name = 'Riverbend Portland' limit 1`,
    );
    if (!placed) throw new Error('the demo has no finalised assessment at Portland');
    await page.goto(`/patients/${placed.patient_id}/assessments/${placed.id}`);
    await page.getByText(/^Finalised by/).waitFor();
    expect(await page.getByRole('list', { name: 'Rules that fired' }).textContent()).toContain(
      'Everyone starts from ordinary outpatient care',
    );
    expect(await page.locator('main').textContent()).toContain(`Chosen level: ${placed.chosen_level}`);
    expect(await page.getByRole('radio').first().isDisabled()).toBe(true);
    await expectAccessible(page, 'finalised assessment (desktop)');
  });
});
