import { addDays } from '@openiop/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, choose, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/**
 * An active person at a clinic with a peer, on buprenorphine: the demo's own prescription when it has one, else one
 * recorded here (as the medication list would hold it) for the first such person.
 */
async function personOnBuprenorphine() {
  const db = env().database;
  const find = (onBup: boolean) =>
    db.query<{ id: string; name: string; locationId: string; location: string; peer: string; organizationId: string }>(sql`
    select p.id, coalesce(p.preferred_name, p.legal_given_name) || ' ' || p.legal_family_name as name, e.location_id as "locationId",
      l.name as location, min(u.email) as peer, p.organization_id as "organizationId"
    from patients p
    join episodes e on e.id = p.current_episode_id
    join locations l on l.id = e.location_id
    join user_locations ul on ul.location_id = e.location_id
    join users u on u.id = ul.user_id and 'peer' = any(u.roles)
    where p.care_status = 'active' and e.status = 'active' and (${!onBup} or exists (select 1 from medications m where m.patient_id = p.id
      and m.mat_kind in ('buprenorphine', 'buprenorphine_naloxone') and m.stop_date is null))
    group by p.id, e.location_id, l.name
    order by p.mrn limit 1`);
  const [found] = await find(true);
  if (found) return found;
  const [anyone] = await find(false);
  if (!anyone) throw new Error('the demo has no active person at a clinic with a peer');
  const [medical] = await db.query<{ id: string }>(sql`select id from users where email = 'medical@demo.openiop.test'`);
  await db.query(sql`insert into medications (organization_id, patient_id, name, dose, route, frequency, start_date, mat_kind, recorded_by, recorded_at)
    values (${anyone.organizationId}::uuid, ${anyone.id}::uuid, 'Buprenorphine-naloxone', '8 mg/2 mg film', 'sublingual', 'once daily',
      '2026-01-01', 'buprenorphine_naloxone', ${medical?.id ?? null}::uuid, now())`);
  return anyone;
}

describe('drug testing', () => {
  it('the director sets rates and draws; a peer collects (custody broken → flagged); results show the expected buprenorphine apart; a review is recorded; the chart shows the trend', async () => {
    const person = await personOnBuprenorphine();
    const custodyId = `E2E-${Date.now()}`;

    // The director: rates (everyone every day, every weekday, so today's draw is sure to pick the person) and the draw.
    const director = await env().page(DESKTOP);
    await signIn(director, 'director@demo.openiop.test');
    await director.getByRole('link', { name: 'Drug tests' }).click();
    await director.getByRole('heading', { level: 1, name: 'Drug tests' }).waitFor();
    await choose(director, director, 'Location', person.location);
    const rates = director.getByRole('region', { name: 'Testing rates' });
    const inputs = rates.getByLabel(/tests a week/);
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill('7');
    for (const day of ['Saturday', 'Sunday']) {
      const box = rates.getByRole('checkbox', { name: day });
      if (!(await box.isChecked())) await box.check();
    }
    await rates.getByRole('button', { name: 'Save rates' }).click();
    await rates.getByRole('status').getByText('Rates saved.').waitFor();
    await expectAccessible(director, 'drug tests page, before the draw');

    await director.getByRole('button', { name: 'Draw today’s selection' }).click();
    const table = director.getByRole('table', { name: 'People to test today' });
    await table.getByRole('link', { name: person.name }).waitFor();
    await director.getByText(/eligible people selected/).waitFor();
    expect(await director.getByRole('button', { name: 'Draw today’s selection' }).count()).toBe(0);
    await expectAccessible(director, 'drug tests page, drawn');

    // Marked missed by mistake, then put back to pending so the peer below can still collect.
    const row = table.getByRole('row').filter({ has: director.getByRole('link', { name: person.name, exact: true }) });
    await row.getByRole('button', { name: `Record outcome for ${person.name}` }).click();
    await director.getByRole('menuitem', { name: /Mark missed/ }).click();
    const missed = director.getByRole('dialog', { name: /^Mark missed/ });
    await missed.getByLabel('Note').fill('Did not come in.');
    await expectAccessible(director, 'mark missed');
    await missed.getByRole('button', { name: 'Mark missed' }).click();
    await row.getByText('Note: Did not come in.').waitFor();
    await row.getByRole('button', { name: `Change outcome for ${person.name}` }).click();
    await director.getByRole('menuitem', { name: /Back to pending/ }).click();
    await director
      .getByRole('dialog', { name: /^Back to pending/ })
      .getByRole('button', { name: 'Back to pending' })
      .click();
    await row.getByRole('button', { name: `Record collection for ${person.name}` }).waitFor();

    // A peer at the clinic collects on a phone; the seal is then found broken.
    const peer = await env().page(PHONE);
    await signIn(peer, person.peer);
    await peer.goto(`/drug-tests?location=${person.locationId}`);
    // By keyboard alone: open the form, type into each field, submit with Enter.
    await peer.getByRole('button', { name: `Record collection for ${person.name}` }).focus();
    await peer.keyboard.press('Enter');
    const drawer = peer.getByRole('dialog', { name: `Record collection: ${person.name}` });
    await drawer.getByLabel('Chain-of-custody id').focus();
    await peer.keyboard.type(custodyId);
    await peer.keyboard.press('Tab');
    await peer.keyboard.type('34.5');
    await peer.keyboard.press('Tab');
    await peer.keyboard.type('2');
    expect(await drawer.getByLabel('Temperature (°C)').inputValue()).toBe('34.5');
    expect(await drawer.getByLabel('Minutes to reading').inputValue()).toBe('2');
    await expectAccessible(peer, 'record collection on a phone');
    await drawer.getByRole('button', { name: 'Save collection' }).focus();
    await peer.keyboard.press('Enter');
    const specimen = peer.getByRole('dialog', { name: `Specimen: ${person.name}` });
    const card = specimen.getByRole('article', { name: new RegExp(custodyId) });
    await card.getByText('Valid, custody intact').waitFor();
    await choose(peer, card, `Custody event for ${custodyId}`, 'Seal found broken');
    await card.getByRole('button', { name: 'Log custody event' }).click();
    await card.getByText('Chain of custody broken: the seal was found broken').waitFor();
    await card.getByText('Flagged', { exact: true }).waitFor();
    // Peers collect; they do not record results.
    expect(await card.getByRole('button', { name: /Record results/ }).count()).toBe(0);
    await expectAccessible(peer, 'flagged specimen on a phone');

    // The director records results in the chart: buprenorphine (prescribed) and fentanyl (not).
    await director.goto(`/patients/${person.id}`);
    const section = director.getByRole('region', { name: 'Drug tests' });
    const chartCard = section.getByRole('article', { name: new RegExp(custodyId) });
    await chartCard.getByRole('button', { name: `Record results for ${custodyId}` }).click();
    await choose(director, chartCard, 'Result for Buprenorphine', 'Positive');
    await choose(director, chartCard, 'Result for Fentanyl', 'Positive');
    await choose(director, chartCard, 'Result for Cocaine', 'Negative');
    await chartCard.getByRole('button', { name: 'Save results' }).click();
    const unexpected = chartCard.getByRole('list', { name: 'Unexpected findings' });
    const expectedList = chartCard.getByRole('list', { name: 'Expected from prescriptions' });
    await unexpected.getByText(/Fentanyl positive/).waitFor();
    expect(await unexpected.textContent()).toContain('flagged: chain of custody broken');
    await expectedList.getByText(/Buprenorphine positive, explained by Buprenorphine/).waitFor();
    expect(await unexpected.textContent()).not.toContain('Buprenorphine');

    await chartCard
      .getByLabel(`Review note for ${custodyId}`)
      .fill('Discussed the result; the person disputes the fentanyl and a lab confirmation was requested.');
    await chartCard.getByRole('button', { name: 'Record review' }).click();
    await chartCard.getByText(/the person disputes the fentanyl/).waitFor();

    // Selected for cause tomorrow (today already has a test): the day, the reason and the status show in the chart.
    await section.getByRole('button', { name: 'Select for cause' }).click();
    const forCause = director.getByRole('dialog', { name: 'Select for a test for cause' });
    const dayInput = forCause.getByLabel('Day of the test');
    await dayInput.fill(addDays(await dayInput.inputValue(), 1));
    await forCause.getByLabel('Reason').fill('Smelled of alcohol at group.');
    await expectAccessible(director, 'select for cause');
    await forCause.getByRole('button', { name: 'Select for cause' }).click();
    const selected = section
      .getByRole('list', { name: 'Days selected for a test' })
      .getByRole('listitem')
      .filter({ hasText: 'Smelled of alcohol' });
    await selected.getByText('Pending').waitFor();
    // No outcome for a day still ahead.
    expect(await selected.getByRole('button', { name: /Record outcome/ }).count()).toBe(0);

    // The trend: a chart and the same data as a table, with today's test flagged.
    await section.getByRole('img', { name: 'Unexpected positive classes per test' }).waitFor();
    const trend = section.getByRole('table', { name: 'Drug tests over time' });
    const lastRow = trend.getByRole('row').last();
    expect(await lastRow.textContent()).toContain('Fentanyl');
    expect(await lastRow.textContent()).toContain('Flagged');
    await expectAccessible(director, 'chart with drug tests');
    await director.setViewportSize(PHONE);
    await section.getByRole('img', { name: 'Unexpected positive classes per test' }).waitFor();
    await expectAccessible(director, 'chart with drug tests on a phone');

    // The review task raised by the unexpected positive was closed by the review.
    const open = await env().database.query<{ n: number }>(sql`
      select count(*)::int as n from tasks t join drug_test_collections c on c.id = t.source_id
      where c.custody_id = ${custodyId} and t.kind = 'drug_test_review' and t.status = 'open'`);
    expect(open[0]?.n).toBe(0);
  });
});
