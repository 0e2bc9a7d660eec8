import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** The demo plan whose version 1 awaits the person's signature, and a fresh signing link for it (token → hash). */
async function awaitingPerson(): Promise<{ patientId: string; planId: string; token: string }> {
  const db = env().database;
  const rows = await db.query<{
    patientId: string;
    planId: string;
    versionId: string;
    organizationId: string;
    contentHash: string;
    createdBy: string;
  }>(
    sql`select v.patient_id as "patientId", v.plan_id as "planId", v.id as "versionId", v.organization_id as "organizationId",
          v.content_hash as "contentHash", v.created_by as "createdBy"
        from treatment_plan_versions v where v.status = 'signing' limit 1`,
  );
  const v = rows[0];
  if (!v) throw new Error('demo has no plan awaiting a signature');
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = env().clock.now();
  await db.query(sql`insert into plan_sign_links (organization_id, patient_id, version_id, token_hash, content_hash, created_by, created_at, expires_at)
    values (${v.organizationId}::uuid, ${v.patientId}::uuid, ${v.versionId}::uuid, ${hash}, ${v.contentHash}, ${v.createdBy}::uuid,
      ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + 86_400_000).toISOString()}::timestamptz)`);
  return { patientId: v.patientId, planId: v.planId, token };
}

describe('treatment plans in the browser', () => {
  it('the person signs on a phone-sized page; the plan page, chart section and catalogue are axe-clean', async () => {
    const { patientId, planId, token } = await awaitingPerson();

    const phone = await env().page(PHONE);
    await phone.goto(`/sign/${token}`);
    await phone.getByRole('heading', { level: 1, name: 'Your treatment plan' }).waitFor();
    await expectAccessible(phone, 'sign page (phone)');
    await phone.getByRole('button', { name: 'Sign my plan' }).click();
    await phone.getByText('Type your full name').waitFor();
    await phone.getByLabel('Your full name').fill('Demo Person');
    await phone.getByLabel(/I agree with this plan/).check();
    await phone.getByRole('button', { name: 'Sign my plan' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    // Single use: opening it again says so.
    await phone.goto(`/sign/${token}`);
    await phone.getByRole('heading', { level: 1, name: 'Already signed' }).waitFor();

    for (const viewport of [DESKTOP, PHONE]) {
      const page = await env().page(viewport);
      await signIn(page, 'director@demo.openiop.test');
      await page.goto(`/patients/${patientId}/plans/${planId}`);
      await page.getByRole('heading', { level: 1, name: /Treatment plan, version 1/ }).waitFor();
      await page.waitForLoadState('networkidle');
      // Both signatures now: locked.
      await expect.poll(async () => page.getByText('The person: Demo Person').count()).toBe(1);
      await expectAccessible(page, `plan page (${viewport.width})`);
      await page.goto(`/patients/${patientId}`);
      await page.getByRole('heading', { level: 2, name: 'Treatment plan' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `chart with plan section (${viewport.width})`);
    }

    // The draft editor and the tablet hand-over page.
    const draft = (
      await env().database.query<{ patientId: string; planId: string }>(
        sql`select patient_id as "patientId", plan_id as "planId" from treatment_plan_versions where status = 'draft' and number = 1 limit 1`,
      )
    )[0];
    if (!draft) throw new Error('demo has no draft plan');
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await env().page(viewport);
      await signIn(page, 'director@demo.openiop.test');
      await page.goto(`/patients/${draft.patientId}/plans/${draft.planId}`);
      await page.getByRole('heading', { level: 2, name: 'Edit the draft' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `draft editor (${viewport.width})`);
      await page.goto(`/patients/${draft.patientId}/plans/${draft.planId}/versions/1/tablet`);
      await page.getByRole('heading', { level: 1, name: 'Your treatment plan' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `tablet signing (${viewport.width})`);
    }

    const admin = await env().page();
    await signIn(admin, 'admin@demo.openiop.test');
    await admin.goto('/admin/interventions');
    await admin.getByRole('heading', { level: 1, name: 'Interventions' }).waitFor();
    await admin.waitForLoadState('networkidle');
    await expectAccessible(admin, 'interventions catalogue');
  });
});
