import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

describe('from the public request-help page to admission', () => {
  it('a web request lands on the board, is pre-screened, admitted, and the chart shows the episode', async () => {
    // 1. The person asks for help on a phone, without signing in; the crisis line is at the top.
    const visitor = await env().page(PHONE);
    await visitor.goto('/help/riverbend');
    await visitor.getByRole('heading', { level: 1, name: /Ask for help/ }).waitFor();
    expect(await visitor.getByRole('region', { name: 'Crisis help' }).textContent()).toContain('988');
    await expectAccessible(visitor, 'request-help page');
    await visitor.getByLabel('Your first name').fill('Taylor');
    await visitor.getByLabel('Your last name (optional)').fill('Brightwater');
    await visitor.getByLabel('Phone', { exact: true }).fill('503 555 0177');
    await visitor.getByLabel('Best time to call').fill('after 5 pm');
    // People take a few seconds to fill the form; the test clock says so too.
    env().clock.advance(10_000);
    await visitor.getByRole('button', { name: 'Send my request' }).click();
    await visitor.getByText(/within one business day/).waitFor();
    expect(await visitor.getByRole('status').textContent()).toContain('988');
    await expectAccessible(visitor, 'request-help receipt');

    // 2. The director finds it on the board and opens it.
    const page = await env().page(DESKTOP);
    await signIn(page, 'director@demo.openiop.test');
    await page.getByRole('link', { name: 'Admissions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();
    const card = page.getByRole('link', { name: 'Taylor Brightwater' });
    await card.waitFor();
    await expectAccessible(page, 'admissions board');
    await card.click();
    await page.getByRole('heading', { level: 1, name: 'Taylor Brightwater' }).waitFor();
    await expectAccessible(page, 'inquiry detail');

    // 3. Pre-screen: nothing of concern.
    await page.getByRole('tab', { name: 'Pre-screen' }).click();
    for (const group of await page.getByRole('radiogroup').all()) await group.getByRole('radio', { name: 'No', exact: true }).check();
    for (const name of ['Has a way to get to the program?', 'Can attend at the program’s times?'])
      await page.getByRole('radiogroup', { name }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByRole('textbox', { name: 'Housing' }).click();
    await page.getByRole('option', { name: 'Stable and safe' }).click();
    await page.getByRole('button', { name: 'Save pre-screen' }).click();
    await page.getByText('IOP appropriate').first().waitFor();
    await expectAccessible(page, 'pre-screen result');

    // 4. Admit: a new patient, an episode in intensive outpatient at Portland.
    await page.getByRole('button', { name: 'Admit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Admit' });
    await dialog.getByLabel('Date of birth').fill('1994-03-09');
    await dialog.getByRole('textbox', { name: 'Sex assigned at birth' }).click();
    await page.getByRole('option', { name: 'Female' }).click();
    await dialog.getByRole('textbox', { name: 'Location' }).click();
    await page.getByRole('option', { name: 'Riverbend Portland' }).click();
    await dialog.getByLabel('Track').fill('Evening');
    await dialog.getByLabel('I checked: this person is not an existing patient').check();
    await expectAccessible(page, 'admit dialog');
    await dialog.getByRole('button', { name: 'Admit' }).click();
    await page.getByRole('link', { name: 'Open the patient’s chart' }).click();

    // 5. The chart shows the episode.
    await page.getByRole('heading', { level: 1, name: /Taylor Brightwater/ }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Intensive outpatient/);
  });

  it('the board works on a phone with a stage picker', async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'admissions@demo.openiop.test');
    await page.goto('/admissions');
    await page.getByLabel('Stage', { exact: true }).selectOption('pre_screened');
    await page.getByRole('article').first().waitFor();
    await expectAccessible(page, 'board on a phone');
  });
});
