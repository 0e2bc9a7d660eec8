import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

interface Member {
  id: string;
  given: string;
  family: string;
  preferred: string | null;
}
const display = (m: Member) => `${m.preferred ?? m.given} ${m.family}`;

/** A group held an hour ago at the demo clinician's location, run by them, with three active people on its roster. */
async function heldGroup(): Promise<{ occurrenceId: string; members: Member[] }> {
  const db = env().database;
  const [staff] = await db.query<{ id: string; organizationId: string; locationId: string }>(
    sql`select u.id, u.organization_id as "organizationId", ul.location_id as "locationId"
        from users u join user_locations ul on ul.user_id = u.id where u.email = 'clinician@demo.openiop.test' limit 1`,
  );
  if (!staff) throw new Error('no demo clinician');
  // Three people whose names do not overlap (so one person's own name is never another's).
  const rows = await db.query<Member>(
    sql`select id, legal_given_name as given, legal_family_name as family, preferred_name as preferred from patients
        where organization_id = ${staff.organizationId}::uuid and location_id = ${staff.locationId}::uuid and care_status = 'active'
        order by mrn limit 20`,
  );
  const members: Member[] = [];
  const words = new Set<string>();
  for (const r of rows) {
    const ws = [r.given, r.family, r.preferred ?? ''].filter(Boolean).map((w) => w.toLowerCase());
    if (ws.some((w) => words.has(w))) continue;
    ws.forEach((w) => words.add(w));
    members.push(r);
    if (members.length === 3) break;
  }
  if (members.length < 3) throw new Error('demo has too few people');
  const now = env().clock.now().getTime();
  const startsAt = new Date(now - 3 * 3_600_000);
  const endsAt = new Date(now - 3_600_000);
  const [occ] = await db.query<{ id: string }>(
    sql`insert into session_occurrences (organization_id, location_id, kind, title, day, start_minute, end_minute, starts_at, ends_at,
          modality, capacity, staff_id, status)
        values (${staff.organizationId}::uuid, ${staff.locationId}::uuid, 'group', 'Coping skills group', ${startsAt.toISOString().slice(0, 10)}::date,
          600, 720, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, 'in_person', 12, ${staff.id}::uuid, 'scheduled')
        returning id`,
  );
  if (!occ) throw new Error('insert failed');
  for (const m of members)
    await db.query(
      sql`insert into session_attendees (organization_id, occurrence_id, patient_id, source)
          values (${staff.organizationId}::uuid, ${occ.id}::uuid, ${m.id}::uuid, 'manual')`,
    );
  return { occurrenceId: occ.id, members };
}

describe('session notes in the browser', () => {
  it('the facilitator writes a group note, the name check blocks a leak, signs with the password, adds an addendum; each chart shows only its own part', async () => {
    const { occurrenceId, members } = await heldGroup();
    const [a, b, c] = members as [Member, Member, Member];
    const page = await env().page(DESKTOP);
    await signIn(page, 'clinician@demo.openiop.test');
    await page.goto(`/sessions/${occurrenceId}/note`);
    await page.getByText('This session has no note yet.').waitFor();
    await page.getByRole('button', { name: 'Start the note' }).click();
    await page.getByRole('heading', { level: 1, name: 'Group note: Coping skills group' }).waitFor();

    // A topic the demo notes never use, so the chart shows it once.
    await page.getByLabel('Topic').fill('Cravings on the commute home');
    await page.getByLabel('Interventions used').fill('CBT\nMotivational interviewing');
    const card = (m: Member) => page.getByRole('group', { name: display(m) });
    await card(a).getByLabel('Participation').fill('Active; shared first');
    // The leak: a's part names b.
    await card(a).getByLabel('Response').fill(`Responded warmly to ${b.given}'s story`);
    await card(b).getByLabel('Participation').fill('Quiet at first');
    await card(b).getByLabel('Response').fill('Said the topic fit the week');
    await card(c).getByLabel('Participation').fill('Engaged');
    await card(c).getByLabel('Response').fill('Practised urge surfing');
    await page.getByText('All changes saved').waitFor();

    // A closed tab loses nothing: type, close before the autosave, reopen.
    await card(c).getByLabel('Response').fill('Practised urge surfing and asked questions');
    // Same browser profile (its cookies and local storage), a new tab.
    const again = await page.context().newPage();
    await page.close();
    await again.goto(`/sessions/${occurrenceId}/note`);
    await again.getByText(/Restored unsaved changes/).waitFor();
    const card2 = (m: Member) => again.getByRole('group', { name: display(m) });
    expect(await card2(c).getByLabel('Response').inputValue()).toBe('Practised urge surfing and asked questions');
    await again.getByText('All changes saved').waitFor();
    await expectAccessible(again, 'note editor (desktop)');

    // Signing: the name check refuses and marks the field, without repeating the name.
    await again.getByRole('button', { name: 'Sign the note' }).click();
    await again.getByLabel('Your password').fill(DEMO_PASSWORD);
    await again.getByRole('button', { name: 'Sign', exact: true }).click();
    await again.getByText('Not signed').waitFor();
    await card2(a).getByText('names another member of the group').waitFor();
    await again.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await again.getByRole('alert').first().innerText()).not.toContain(b.given);
    await expectAccessible(again, 'note editor with the name check (desktop)');

    await card2(a).getByLabel('Response').fill("Responded warmly to a peer's story");
    await again.getByText('All changes saved').waitFor();
    await again.getByRole('button', { name: 'Sign the note' }).click();
    // A wrong password keeps the dialog open.
    await again.getByLabel('Your password').fill('not my password');
    await again.getByRole('button', { name: 'Sign', exact: true }).click();
    await again.getByText('That is not your password').waitFor();
    await again.getByLabel('Your password').fill(DEMO_PASSWORD);
    await again.getByRole('button', { name: 'Sign', exact: true }).click();
    await again.getByText(/^Signed by /).waitFor();

    // Addendum to a's part, signed with the password.
    await again.getByLabel('For').selectOption({ label: display(a) });
    await again.getByLabel('Addendum text').fill('Phoned after group; doing well');
    await again.getByRole('button', { name: 'Sign the addendum' }).click();
    await again.getByLabel('Your password').fill(DEMO_PASSWORD);
    await again.getByRole('button', { name: 'Sign', exact: true }).click();
    await again.getByText('Addendum signed.').waitFor();
    await again.getByRole('dialog').waitFor({ state: 'detached' });
    await again
      .getByRole('list', { name: `Addenda for ${display(a)}` })
      .getByText(/Phoned after group/)
      .waitFor();
    await expectAccessible(again, 'signed note (desktop)');

    // a's chart: the shared part, a's own part and addendum; nothing of b's or c's.
    for (const viewport of [DESKTOP, PHONE]) {
      const chart = await env().page(viewport);
      await signIn(chart, 'clinician@demo.openiop.test');
      await chart.goto(`/patients/${a.id}`);
      const section = chart.getByRole('region', { name: 'Session notes' });
      await section.getByText("Responded warmly to a peer's story").waitFor();
      await section.getByText(/Phoned after group; doing well/).waitFor();
      await section.getByText(/Cravings on the commute home/).waitFor();
      const text = await section.innerText();
      expect(text).not.toContain('Said the topic fit the week');
      expect(text).not.toContain('urge surfing');
      for (const other of [b, c]) {
        expect(text).not.toContain(other.family);
      }
      await chart.waitForLoadState('networkidle');
      await expectAccessible(chart, `chart with session notes (${viewport.width})`);
    }

    // The notes page and the signed note at phone width.
    const phone = await env().page(PHONE);
    await signIn(phone, 'clinician@demo.openiop.test');
    await phone.goto('/notes');
    await phone.getByRole('heading', { level: 1, name: 'Notes' }).waitFor();
    await phone.getByRole('heading', { name: /Drafts/ }).waitFor();
    await phone.waitForLoadState('networkidle');
    await expectAccessible(phone, 'notes page (phone)');
    await phone.goto(`/sessions/${occurrenceId}/note`);
    await phone.getByText(/^Signed by /).waitFor();
    await expectAccessible(phone, 'signed note (phone)');
  });
});
