import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../api/src/app';
import { openDatabase, type Database } from '../../api/src/db/database';
import { DEMO_PASSWORD } from '../../api/src/demo/demo';
import { ManualClock } from '../../api/src/platform/clock';
import type { MailMessage } from '../../api/src/platform/mailer';
import { demoTemplate } from './template';

const CHROMIUM = process.env.OPENIOP_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const webDist = path.resolve(import.meta.dirname, '../dist');

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };
/**
 * The browser runs a day ahead of the demo clinics (UTC+14 against US zones) for most of every day, so a page that
 * takes "today" from the browser instead of the clinic's zone fails here at any hour, not only between midnight
 * UTC and the clinic's midnight.
 */
export const BROWSER_TIME_ZONE = 'Pacific/Kiritimati';
export { DEMO_PASSWORD };

export interface E2E {
  url: string;
  clock: ManualClock;
  database: Database;
  mail: MailMessage[];
  browser: Browser;
  /** A fresh browser context (own cookies) and page. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Starts the real server on an in-memory PGlite holding the demo program (a copy of the one global set-up seeded),
 * serving the built web app, and Debian's Chromium. One per spec file; a spec may add Chromium flags (e.g. fake
 * camera and microphone).
 */
export function useE2E(options: { chromiumArgs?: string[] } = {}): () => E2E {
  let env: E2E | undefined;
  const contexts: BrowserContext[] = [];
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run build` first');
    // The demo program as the tier's global set-up seeded it (see global-setup.ts), its clock at the seed's instant.
    if (!fs.existsSync(demoTemplate.data))
      throw new Error('the seeded demo database is missing: run the e2e project, whose global set-up makes it');
    const seeded = JSON.parse(fs.readFileSync(demoTemplate.meta, 'utf8')) as { now: string };
    const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(demoTemplate.data)]) });
    const clock = new ManualClock(new Date(seeded.now));
    const mail: MailMessage[] = [];
    const app = await buildApp({
      database,
      clock,
      mailer: { send: async (m) => void mail.push(m) },
      publicUrl: 'http://127.0.0.1',
      authRateLimit: { max: 1000, timeWindowMs: 60_000 },
      bodyLimit: 256 * 1024,
      webDist,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    // Playwright gives each launch a fresh, throw-away profile directory of its own.
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...(options.chromiumArgs ?? [])] });
    env = {
      url: `http://127.0.0.1:${address.port}`,
      clock,
      database,
      mail,
      browser,
      async page(viewport = DESKTOP) {
        // Reduced motion, which the theme respects: dialogs, toasts and panels appear and go at once, so no step or axe
        // scan meets one half-faded (a toast fading out mid-scan measured as 4.45:1) or a panel still growing.
        const context = await browser.newContext({
          viewport,
          baseURL: env?.url ?? '',
          timezoneId: BROWSER_TIME_ZONE,
          reducedMotion: 'reduce',
        });
        // Generous for one step on a loaded two-core machine; the test's own timeout still bounds the whole.
        context.setDefaultTimeout(20_000);
        // The browser's clock starts where the server's stands and runs on from there, so "today" in a page is the
        // server's today: a real clock runs ahead of the server's (fixed at the seed's instant), and past a clinic's
        // midnight a page would offer tomorrow's date, which the server rightly refuses as a date in the future.
        await context.clock.install({ time: clock.now() });
        contexts.push(context);
        return context.newPage();
      },
    };
    close = async () => {
      for (const c of contexts) await c.close();
      await browser.close();
      await app.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });
  return () => {
    if (!env) throw new Error('e2e environment not started');
    return env;
  };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/');
}

/** Picks `option` in the Mantine Select labelled `label` within `scope` (its options open in a portal on `page`). */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * Lets the page's finite animations end (spinners run forever, so not those), including ones a click set off a frame
 * or two ago. Mantine's own transitions are off in these tests (reduced motion); a page's CSS animations are not.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
}

/** No serious or critical axe violations on the page as it stands. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A dialog fading in is not yet its own colours.
  await settleAnimations(page);
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()})`)
          .join(', ')}`,
    ),
    `axe on ${label}`,
  ).toEqual([]);
}
