import { describe, expect, it } from 'vitest';
import { signIn, useE2E } from './harness';

const env = useE2E();

describe('idle logoff', () => {
  it('warns a minute before, can be extended, and signs out after 15 idle minutes', async () => {
    const page = await env().page();
    await signIn(page, 'peer@demo.openiop.test');
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    await page.clock.fastForward('14:01');
    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await dialog.waitFor();
    expect(await dialog.getByRole('timer').textContent()).toMatch(/signed out in \d+ s/);
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.clock.fastForward('15:05');
    await page.getByText(/signed out after 15 minutes of inactivity/i).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const me = await page.request.get('/api/v1/auth/me');
    expect(me.status()).toBe(401);
  });
});
