import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDate } from '@openiop/core';
import { randomToken, sha256 } from '../../api/src/platform/crypto';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

// A fake camera and microphone, allowed without a prompt; remote audio may play without a click in the page.
const env = useE2E({
  chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
});

const MIN = 60_000;
const minuteOfDay = (at: Date, timeZone: string) => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .split(':')
    .map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * A video session the demo clinician runs for one of their people, started 10 minutes ago (the room is open), and
 * the person's phone link. The demo has no sessions of its own yet, so the spec books one.
 */
async function world() {
  const db = env().database;
  const [p] = await db.query<{
    id: string;
    organizationId: string;
    locationId: string;
    timeZone: string;
    firstName: string;
    staffId: string;
  }>(sql`
    select p.id, p.organization_id as "organizationId", p.location_id as "locationId", l.time_zone as "timeZone",
      coalesce(p.preferred_name, p.legal_given_name) as "firstName", u.id as "staffId"
    from patients p join episodes e on e.id = p.current_episode_id join users u on u.id = e.primary_clinician_id
    join locations l on l.id = p.location_id
    where u.email = 'clinician@demo.openiop.test' and e.status = 'active' order by p.mrn limit 1`);
  if (!p) throw new Error('the demo has no active person for the clinician');
  const now = env().clock.now();
  const startsAt = new Date(now.getTime() - 10 * MIN);
  const endsAt = new Date(startsAt.getTime() + 50 * MIN);
  const occurrenceId = randomUUID();
  const start = minuteOfDay(startsAt, p.timeZone);
  await db.query(sql`insert into session_occurrences (id, organization_id, location_id, kind, title, day, start_minute, end_minute,
      starts_at, ends_at, modality, capacity, staff_id, status)
    values (${occurrenceId}, ${p.organizationId}, ${p.locationId}, 'individual', 'Video check-in', ${localDate(startsAt, p.timeZone)},
      ${start}, ${start + 50}, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, 'virtual', 1, ${p.staffId}, 'scheduled')`);
  await db.query(sql`insert into session_attendees (organization_id, occurrence_id, patient_id, source)
    values (${p.organizationId}, ${occurrenceId}, ${p.id}, 'manual')`);
  const token = randomToken(32);
  await db.query(sql`insert into measure_links (organization_id, patient_id, token_hash, created_by, created_at, expires_at)
    values (${p.organizationId}, ${p.id}, ${sha256(token)}, ${p.staffId}, ${now.toISOString()}::timestamptz,
      ${new Date(now.getTime() + 30 * 86_400_000).toISOString()}::timestamptz)`);
  return { ...p, occurrenceId, token };
}

/**
 * Records the configuration every `RTCPeerConnection` of the page is made with (the real one is still made), so the
 * spec can see the ICE servers the room handed out reach the browser.
 */
async function recordRtcConfigs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.RTCPeerConnection;
    const seen: unknown[] = [];
    Object.assign(window, { rtcConfigs: seen });
    window.RTCPeerConnection = class extends Real {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(JSON.parse(JSON.stringify(config ?? {})));
      }
    };
  });
}
const rtcConfigs = (page: Page) => page.evaluate(() => (window as unknown as { rtcConfigs: RTCConfiguration[] }).rtcConfigs);

/** Waits until the page shows a remote participant's video with real frames. */
async function seesRemoteVideo(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('video[data-peer="remote"]');
      return v !== null && v.videoWidth > 0 && v.readyState >= 2 && !v.paused;
    },
    undefined,
    { timeout: 20_000 },
  );
}

describe('video sessions', () => {
  it('the person waits, the facilitator admits, each sees the other, the person leaves and attendance minutes are recorded', async () => {
    const w = await world();
    // STUN and TURN servers for the session's location. Nothing answers on them (port 9 of this machine), so the two
    // pages still connect by host candidates, but each must be given them, TURN with its own signed credential.
    const secret = 'e2e-call-turn-secret-0123456789';
    await env().database.query(sql`insert into video_settings (organization_id, location_id, stun_urls, turn_urls, turn_secret)
      values (${w.organizationId}, ${w.locationId}, array['stun:127.0.0.1:9'], array['turn:127.0.0.1:9?transport=udp'], ${secret})`);
    const staff = await env().page(DESKTOP);
    await recordRtcConfigs(staff);
    await signIn(staff, 'clinician@demo.openiop.test');
    await staff.goto(`/video/${w.occurrenceId}`);
    await staff.getByRole('heading', { name: 'Video: Video check-in' }).waitFor();
    await expectAccessible(staff, 'staff video page');
    await staff.getByRole('button', { name: 'Start the room' }).click();
    await staff.getByRole('status').filter({ hasText: 'You are in the room' }).waitFor();
    await staff.getByText('Nobody is waiting.').waitFor();

    // The person, on a phone, from their own page.
    const person = await env().page(PHONE);
    await recordRtcConfigs(person);
    await person.goto(`/me/${w.token}`);
    await person.getByRole('link', { name: 'Join video' }).click();
    await person.waitForURL(`**/me/${w.token}/video/${w.occurrenceId}`);
    await person.getByRole('button', { name: 'Join with camera and microphone' }).waitFor();
    await expectAccessible(person, 'person video page');
    await person.getByRole('button', { name: 'Join with camera and microphone' }).click();
    await person.getByRole('status').filter({ hasText: 'waiting room' }).waitFor();
    expect(await person.locator('video[data-peer="remote"]').count()).toBe(0);

    // The facilitator sees the preferred first name in the waiting room and admits by keyboard.
    const admit = staff.getByRole('button', { name: `Admit ${w.firstName}`, exact: true });
    await admit.focus();
    await staff.keyboard.press('Enter');
    await seesRemoteVideo(staff);
    await seesRemoteVideo(person);
    await person.getByRole('status').filter({ hasText: 'You are in the room with one other person' }).waitFor();
    const usernames: string[] = [];
    for (const page of [staff, person]) {
      const configs = await rtcConfigs(page);
      expect(configs).toHaveLength(1); // one peer connection each, made with the room's ICE servers
      const [stunEntry, turnEntry] = configs[0]?.iceServers ?? [];
      expect(stunEntry).toEqual({ urls: ['stun:127.0.0.1:9'] });
      const username = String(turnEntry?.username);
      expect(username).toMatch(/^\d{10}:[A-Za-z0-9_-]{16}$/);
      expect(turnEntry).toEqual({
        urls: ['turn:127.0.0.1:9?transport=udp'],
        username,
        credential: createHmac('sha1', secret).update(username).digest('base64'),
      });
      usernames.push(username);
    }
    expect(new Set(usernames).size).toBe(2); // a credential per connection
    await expectAccessible(person, 'person in the video room (phone)');
    await expectAccessible(staff, 'facilitator in the video room');
    await person.getByRole('button', { name: 'Mute microphone' }).click();
    await person.getByRole('button', { name: 'Unmute microphone', pressed: true }).waitFor();

    // Eight minutes in the room (the session began ten minutes before the person was let in).
    env().clock.advance(8 * MIN);
    await person.getByRole('button', { name: 'Leave' }).click();
    await person.getByText('You left the session.').waitFor();
    await staff.getByRole('status').filter({ hasText: 'Waiting for others to join' }).waitFor();

    const rows = await env().database.query<{ source: string; minutes: number; status: string }>(sql`
      select source, minutes_attended as minutes, status from session_attendance
      where organization_id = ${w.organizationId} and occurrence_id = ${w.occurrenceId} and patient_id = ${w.id}`);
    expect(rows).toEqual([{ source: 'video', minutes: 8, status: 'late' }]);
    await staff.getByRole('button', { name: 'Leave' }).click();
    await staff.getByText('You left the session.').waitFor();
    // The settings test below starts from a location without settings.
    await env().database.query(
      sql`delete from video_settings where organization_id = ${w.organizationId} and location_id = ${w.locationId}`,
    );
  });

  it("an administrator sets a location's room size, external room and STUN/TURN servers by keyboard; wrong entries are refused by name", async () => {
    const page = await env().page(PHONE);
    await signIn(page, 'admin@demo.openiop.test');
    await page.goto('/admin/video');
    await page.getByRole('heading', { name: 'Video settings', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Video settings' });
    await form.waitFor();
    const location = await page.getByLabel('Location').inputValue();
    await expectAccessible(page, 'video settings (phone)');
    const link = form.getByRole('textbox', { name: 'External room link for larger groups' });
    await link.fill('https://meet.example.test/fixed-room');
    await form.getByRole('button', { name: 'Save video settings' }).click();
    await form.getByText('must contain {occurrenceId}').waitFor();
    await link.fill('https://meet.example.test/openiop-{occurrenceId}');
    await form.getByRole('textbox', { name: 'Largest built-in room' }).fill('4');
    await link.focus();
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const rows = await env().database.query<{ template: string; mesh: number; version: number }>(sql`
      select external_url_template as template, mesh_limit as mesh, version from video_settings where location_id = ${location}`);
    expect(rows).toEqual([{ template: 'https://meet.example.test/openiop-{occurrenceId}', mesh: 4, version: 1 }]);
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Largest built-in room' }).inputValue()).toBe('4');

    // STUN and TURN servers, one a line; a wrong line is named, and TURN without the secret is refused by the api.
    const stun = form.getByRole('textbox', { name: 'STUN servers' });
    const turn = form.getByRole('textbox', { name: 'TURN servers' });
    await form.getByText('TURN shared secret: not set').waitFor();
    await stun.fill('stun:stun.example.test:3478\nhttps://stun.example.test');
    await form.getByRole('button', { name: 'Save video settings' }).click();
    await form.getByText('Line 2: must be a stun: or stuns: address', { exact: false }).waitFor();
    await stun.fill('stun:stun.example.test:3478');
    await turn.fill('turns:turn.example.test:5349?transport=tcp');
    await form.getByRole('button', { name: 'Save video settings' }).click();
    await form.getByText('need the TURN shared secret', { exact: true }).waitFor();
    await expectAccessible(page, 'video settings with errors (phone)');
    const secret = form.getByLabel('TURN shared secret', { exact: true });
    await secret.fill('e2e-turn-shared-secret-0123456789');
    await secret.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await form.getByText('TURN shared secret: set').waitFor();
    expect(await form.getByLabel('New TURN shared secret', { exact: true }).inputValue()).toBe(''); // never shown again
    const ice = async () =>
      env().database.query<{ stun: string[]; turn: string[]; secret: string | null }>(sql`
        select stun_urls as stun, turn_urls as turn, turn_secret as secret from video_settings where location_id = ${location}`);
    expect(await ice()).toEqual([
      {
        stun: ['stun:stun.example.test:3478'],
        turn: ['turns:turn.example.test:5349?transport=tcp'],
        secret: 'e2e-turn-shared-secret-0123456789',
      },
    ]);

    // Clearing the secret needs the TURN servers gone too; by keyboard.
    const clear = form.getByRole('button', { name: 'Clear the secret' });
    await clear.focus();
    await page.keyboard.press('Enter');
    await form.getByText('TURN shared secret: will be cleared when you save').waitFor();
    await form.getByRole('button', { name: 'Keep the secret' }).waitFor();
    await form.getByRole('button', { name: 'Save video settings' }).click();
    await form.getByText('cannot be cleared while TURN servers are listed', { exact: true }).waitFor();
    await turn.fill('');
    await form.getByRole('button', { name: 'Save video settings' }).click();
    await form.getByText('TURN shared secret: not set').waitFor();
    expect(await ice()).toEqual([{ stun: ['stun:stun.example.test:3478'], turn: [], secret: null }]);
  });
});
