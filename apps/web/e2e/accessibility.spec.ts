import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

const staffPages = [
  ['patient list', '/patients', 'Patients'],
  ['new patient', '/patients/new', 'New patient'],
  ['break-glass review', '/break-glass/review', null],
  ['security', '/account/security', 'Security'],
  ['users', '/admin/users', 'Users'],
  ['new user', '/admin/users/new', null],
  ['locations', '/admin/locations', 'Locations'],
  ['settings', '/admin/settings', 'Settings'],
  ['audit', '/admin/audit', null],
  ['API tokens', '/admin/api-tokens', null],
  ['outbox', '/admin/outbox', null],
  ['video settings', '/admin/video', 'Video settings'],
] as const;

async function firstPatientId(): Promise<string> {
  const rows = await env().database.query<{ id: string }>(sql`select id from patients where care_status = 'active' order by mrn limit 1`);
  if (!rows[0]) throw new Error('demo has no patients');
  return rows[0].id;
}

describe('every page passes axe (no serious or critical violations)', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`signed-out pages on a ${name}`, async () => {
      const page = await env().page(viewport);
      for (const path of ['/sign-in', '/forgot-password', '/reset-password?token=x'.padEnd(40, 'x')]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await expectAccessible(page, `${path} (${name})`);
      }
    });

    it(`staff pages on a ${name}`, async () => {
      const page = await env().page(viewport);
      await signIn(page, 'admin@demo.openiop.test');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const id = await firstPatientId();
      const pages = [...staffPages, ['chart', `/patients/${id}`, null], ['edit patient', `/patients/${id}/edit`, null]] as const;
      for (const [label, path, heading] of pages) {
        if (process.env.E2E_DEBUG) console.log('visiting', label, name);
        await page.goto(path);
        await page
          .getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) })
          .first()
          .waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('heading', { level: 1 }).count(), `${label}: one h1`).toBe(1);
        await expectAccessible(page, `${label} (${name})`);
      }
    });
  }

  it('clinician pages: break-the-glass, drug tests and the not-in-scope chart', async () => {
    const page = await env().page();
    await signIn(page, 'clinician@demo.openiop.test');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto('/break-glass');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'break-glass');
    await page.goto('/drug-tests');
    await page.getByRole('heading', { level: 1, name: 'Drug tests' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'drug tests');
  });
});

describe('keyboard alone', () => {
  it('signs in, skips to the content and reaches the patient search without a mouse', async () => {
    const page = await env().page();
    await page.goto('/sign-in');
    await page.getByLabel('Email').focus();
    await page.keyboard.type('director@demo.openiop.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('openiop-demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(skip).toMatch(/skip to (main )?content/i);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 15; i += 1) {
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? '';
      });
      if (/search patients/i.test(label)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('the patient search was not reachable by Tab from the main content');
  });
});
