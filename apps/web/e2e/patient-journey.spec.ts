import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, signIn, useE2E } from './harness';

const env = useE2E();

describe('a clinician creates a patient, finds them, opens the chart and signs out', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`on a ${name}`, async () => {
      const page = await env().page(viewport);
      await signIn(page, 'clinician@demo.openiop.test');
      await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

      await page.getByRole('link', { name: 'New patient' }).click();
      const family = `Quist${name === 'phone' ? 'ova' : 'ard'}`;
      await page.getByLabel('Legal first name').fill('Rowena');
      await page.getByLabel('Legal last name').fill(family);
      await page.getByLabel('Preferred name').fill('Ro');
      await page.getByLabel('Pronouns').fill('she/her');
      await page.getByLabel('Date of birth').fill('1991-05-14');
      await page.getByRole('textbox', { name: 'Sex assigned at birth' }).click();
      await page.getByRole('option', { name: 'Female' }).click();
      await page.getByRole('textbox', { name: 'Location', exact: true }).click();
      await page.getByRole('option', { name: 'Riverbend Portland' }).click();
      await page.getByRole('button', { name: 'Save patient' }).click();

      await page.getByRole('heading', { level: 1, name: new RegExp(`Ro ${family}`) }).waitFor();
      const chartUrl = page.url();
      const mrn = (
        await page
          .getByText(/IOP-\d+/)
          .first()
          .textContent()
      )?.match(/IOP-\d+/)?.[0];
      expect(mrn).toBeTruthy();

      await page.goto('/patients');
      const query = name === 'phone' ? (mrn ?? '') : `ro ${family.slice(0, 5)}`;
      await page.getByLabel('Search patients').fill(query);
      // The search runs after a pause: wait for it to land (URL and results) so the click is on its list, not on
      // the unfiltered one about to be replaced.
      await page.waitForURL((url) => url.searchParams.get('q') === query);
      await page.locator('main [aria-busy="false"]').first().waitFor();
      const result = page.getByRole('link', { name: new RegExp(family) });
      await result.first().waitFor();
      await result.first().click();
      await page.waitForURL(chartUrl);
      const header = page.locator('main');
      await expect.poll(() => header.textContent()).toMatch(/she\/her/);
      expect(await header.textContent()).toMatch(/\b3\d\b/); // age in years

      if (name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).isVisible();
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      // The session is gone on the server too: the chart no longer opens.
      const res = await page.request.get(chartUrl.replace(/\/patients\//, '/api/v1/patients/') + '/chart');
      expect(res.status()).toBe(401);
    });
  }
});
