import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, choose, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();
const LOCATION = 'Riverside annex';

/** A new location of the demo organization with no program yet (the demo's own locations may have one). */
async function newLocation(): Promise<string> {
  const db = env().database;
  const [org] = await db.query<{ id: string }>(sql`select organization_id as id from users where email = 'director@demo.openiop.test'`);
  if (!org) throw new Error('no demo director');
  const id = randomUUID();
  const address = JSON.stringify({ line1: '9 River Rd', line2: null, city: 'Salem', region: 'OR', postalCode: '97301', country: 'US' });
  await db.query(sql`insert into locations (id, organization_id, name, time_zone, address, phone)
    values (${id}::uuid, ${org.id}::uuid, ${LOCATION}, 'America/Los_Angeles', ${address}::jsonb, '+1 503 555 0199')`);
  return id;
}

async function openProgram(page: Page, who = 'director') {
  await signIn(page, `${who}@demo.openiop.test`);
  await page.goto('/admin/program');
  await page.getByRole('heading', { level: 1, name: 'Program' }).waitFor();
  await choose(page, page, 'Location', LOCATION);
}

describe('the Program page', () => {
  it('a director applies the default program, adds a track and a weekly group, and sees it on the week', async () => {
    await newLocation();
    const page = await env().page(DESKTOP);
    await openProgram(page);
    await page.getByText('This location has no program yet').waitFor();
    await expectAccessible(page, 'program page, empty');

    await page.getByRole('button', { name: 'Apply the default program' }).click();
    await page.getByText('The default program was applied.').waitFor();
    await page.getByRole('tab', { name: 'Phases' }).click();
    const phases = page.getByRole('table', { name: 'Phases' });
    await phases.getByText('Phase 3 (step-down)').waitFor();
    expect(await phases.getByRole('row').count()).toBe(4);
    await expectAccessible(page, 'program phases');

    await page.getByRole('tab', { name: 'Tracks' }).click();
    await page.getByRole('button', { name: 'Add track' }).click();
    const trackDialog = page.getByRole('dialog', { name: 'New track' });
    await trackDialog.getByLabel('Name').fill('Evening online');
    await choose(page, trackDialog, 'Kind', 'Evening');
    await choose(page, trackDialog, 'Modality', 'Virtual');
    await expectAccessible(page, 'new track dialog');
    await trackDialog.getByRole('button', { name: 'Save track' }).click();
    await page.getByRole('table', { name: 'Tracks' }).getByText('Evening online').waitFor();

    await page.getByRole('tab', { name: 'Weekly groups' }).click();
    await page.getByRole('button', { name: 'Add weekly group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New weekly group' });
    await dialog.getByLabel('Topic').fill('Coping skills');
    await choose(page, dialog, 'Track', /Evening online/);
    await choose(page, dialog, 'Day', 'Wednesday');
    // The time picker by keyboard: type to filter the quarter hours, arrow to the match, Enter.
    const starts = dialog.getByRole('textbox', { name: 'Starts at' });
    await starts.focus();
    await starts.fill('18:00');
    await starts.press('ArrowDown');
    await starts.press('Enter');
    await expect.poll(() => starts.inputValue()).toBe('18:00');
    // A length off the 15-minute steps is refused by the api's rule, shown on its field.
    await dialog.getByLabel('Length (minutes)').fill('100');
    await dialog.getByRole('button', { name: 'Save weekly group' }).click();
    await dialog.getByText('Must be a whole number of 15-minute steps').waitFor();
    await expectAccessible(page, 'weekly group dialog with an error');
    await dialog.getByLabel('Length (minutes)').fill('90');
    await dialog.getByRole('button', { name: 'Save weekly group' }).click();
    await dialog.waitFor({ state: 'detached' });

    const block = page.getByRole('button', { name: 'Edit Coping skills, Wednesday 18:00–19:30' });
    await block.waitFor();
    await expect.poll(() => block.innerText()).toMatch(/Evening online · Virtual[\s\S]*Virtual · 12 places/);
    await expectAccessible(page, 'week grid');

    // Editing by keyboard from the grid: Enter on a block opens its dialog.
    await block.focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Edit weekly group' });
    await edit.getByLabel('Capacity').fill('10');
    await edit.getByRole('button', { name: 'Save weekly group' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => block.innerText()).toMatch(/10 places/);
  });

  it('a clinician, who may only read the program, sees the week without edit controls and no nav entry', async () => {
    const page = await env().page(DESKTOP);
    await openProgram(page, 'clinician');
    await page.getByText('Coping skills').waitFor();
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add weekly group' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Program' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Settings' }).click();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await expectAccessible(page, 'program page, read only');
  });

  // Uses the location and group the first test made (the specs in one file share one server).
  it('works on a phone: the week stacks by day, no sideways scrolling, axe-clean', async () => {
    const page = await env().page(PHONE);
    await openProgram(page);
    await page.getByRole('button', { name: /Edit Coping skills, Wednesday/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'program page (phone)');
    await page.getByRole('tab', { name: 'Phases' }).click();
    await page.getByRole('region', { name: 'Phases' }).waitFor();
    await expectAccessible(page, 'program phases (phone)');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Individual session (minutes)').waitFor();
    await expectAccessible(page, 'program settings (phone)');
  });
});
