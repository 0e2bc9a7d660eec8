import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { signIn, useE2E } from './harness';

const env = useE2E();

describe('break the glass', () => {
  it('a clinician opens an out-of-scope chart with a reason; the director reviews it', async () => {
    // The demo clinician works in Portland; pick a Denver patient.
    const [denver] = await env().database.query<{ id: string; mrn: string }>(
      sql`select p.id, p.mrn from patients p join locations l on l.id = p.location_id where l.name = 'Riverbend Denver' order by p.mrn limit 1`,
    );
    if (!denver) throw new Error('no Denver patient in the demo');
    const page = await env().page();
    await signIn(page, 'clinician@demo.openiop.test');
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.goto(`/patients/${denver.id}`);
    await page.getByRole('link', { name: 'Request emergency access' }).click();
    await page.getByLabel('MRN').fill(denver.mrn);
    await page.getByLabel('Reason').fill('Crisis call from the patient; their clinician is away');
    await page.getByRole('button', { name: 'Open chart' }).click();
    await page.waitForURL(new RegExp(`/patients/${denver.id}$`));
    await page
      .getByText(/emergency access/i)
      .first()
      .waitFor();

    const director = await env().page();
    await signIn(director, 'director@demo.openiop.test');
    await director.getByRole('heading', { level: 1 }).first().waitFor();
    await director.goto('/break-glass/review');
    await director.getByText('Crisis call from the patient; their clinician is away').waitFor();
    const trail = await env().database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where patient_id = ${denver.id} and break_glass and action = 'chart.open'`,
    );
    expect(trail[0]?.n).toBeGreaterThan(0);
  });
});
