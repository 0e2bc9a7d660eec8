import { describe, expect, it } from 'vitest';
import { totpCode } from '../../api/src/features/auth/mfa';
import { signIn, useE2E } from './harness';

const env = useE2E();

describe('two-step verification', () => {
  it('enrols from the Security page, then every sign-in asks for a code', async () => {
    const page = await env().page();
    await signIn(page, 'billing@demo.openiop.test');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const key = (await page.locator('code').first().textContent())?.replace(/\s+/g, '') ?? '';
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Verification code').fill(totpCode(key, env().clock.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    expect(await codes.getByRole('listitem').count()).toBe(10);
    const recovery = (await codes.getByRole('listitem').first().textContent())?.trim() ?? '';
    await page.getByLabel('I have saved my recovery codes').check();
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, 'billing@demo.openiop.test');
    await page.getByLabel('Verification code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByText(/not a valid code|not valid/i)
      .first()
      .waitFor();
    // The enrolment code is used up: the server accepts each time step once.
    env().clock.advance(30_000);
    await page.getByLabel('Verification code').fill(totpCode(key, env().clock.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    // A recovery code stands in for the phone once.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, 'billing@demo.openiop.test');
    await page.getByLabel('Verification code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  });
});
