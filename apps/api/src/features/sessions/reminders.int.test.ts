import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { auditEvents, rooms, schedulingSettings, sessionReminders } from '../../db/schema/index';
import { smtpMailer } from '../../platform/mailer';
import { sendDueReminders } from './reminders.job';

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
const mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`);
const t = await buildTestApp({ mailer });

/** The text of a message (quoted-printable soft breaks and escapes undone). */
const textOf = (raw: string) =>
  raw
    .slice(raw.indexOf('\r\n\r\n') + 4)
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

async function world(modality: 'in_person' | 'virtual') {
  // Far from the other files' sessions: the job reads every organization.
  t.clock.set(new Date('2027-05-03T15:00:00Z'));
  const org = await setupOrg(t);
  const email = `person.${org.id.slice(0, 8)}@example.test`;
  const p = await org.patient({ legalGivenName: 'Wilhelmina', email });
  const clinician = await org.as('clinician');
  const roomId = randomUUID();
  await t.database.db
    .insert(rooms)
    .values({ id: roomId, organizationId: org.id, locationId: org.locations.main, name: 'Room 7', capacity: 2 });
  const res = await clinician.post(`/api/v1/patients/${p.id}/series`, {
    kind: 'individual',
    staffId: org.users.clinician.id,
    modality,
    roomId: modality === 'in_person' ? roomId : null,
    videoUrl: modality === 'virtual' ? 'https://video.example.test/r/xyz' : null,
    rrule: 'FREQ=WEEKLY;COUNT=1',
    firstDay: '2027-05-05',
    startMinute: 600,
    durationMinutes: 50,
    title: 'Relapse prevention',
  });
  expect(res.statusCode, res.body).toBe(201);
  const mine = (r: Received) => r.to.includes(email) || r.to.includes(org.users.clinician.email);
  return { org, p, email, mine };
}

// Wednesday 2027-05-05 10:00 PDT = 17:00Z.
const start = new Date('2027-05-05T17:00:00Z');
const before = (minutes: number) => new Date(start.getTime() - minutes * 60_000);
const deps = () => ({ database: t.database, mailer, publicUrl: 'http://openiop.test' });

describe('session reminders', () => {
  it('sends the 24 h and 2 h reminders by SMTP to the person and the staff member exactly once, even when runs overlap', async () => {
    const { org, p, email, mine } = await world('in_person');
    const from = received.length;
    await sendDueReminders(deps(), before(1500)); // 25 h before: nothing yet
    expect(received.slice(from).filter(mine)).toHaveLength(0);

    await sendDueReminders(deps(), before(1439));
    await sendDueReminders(deps(), before(1400));
    const day = received.slice(from).filter(mine);
    expect(day.map((m) => m.to[0]).sort()).toEqual([email, org.users.clinician.email].sort());

    const mid = received.length;
    await Promise.all([
      sendDueReminders(deps(), before(119)),
      sendDueReminders(deps(), before(118)),
      sendDueReminders(deps(), before(100)),
    ]);
    const two = received.slice(mid).filter(mine);
    expect(two).toHaveLength(2);
    await sendDueReminders(deps(), before(0)); // at the start: nothing more
    expect(received.slice(mid).filter(mine)).toHaveLength(2);

    const person = textOf(day.find((m) => m.to.includes(email))?.raw ?? '');
    expect(person).toContain('When: Wednesday, May 5, 2027 at 10:00 AM PDT');
    expect(person).toContain('Where: Main clinic, Room 7');
    expect(person).toContain('Call Main clinic at +1 503 555 0100');
    const staff = textOf(day.find((m) => m.to.includes(org.users.clinician.email))?.raw ?? '');
    expect(staff).toContain(`http://openiop.test/patients/${p.id}`);
    for (const m of [...day, ...two]) expect(m.raw).not.toMatch(/relapse|addiction|substance|Wilhelmina/i);

    const rows = await t.database.db.select().from(sessionReminders).where(eq(sessionReminders.organizationId, org.id));
    expect(rows.map((r) => `${r.recipient.split(':')[0]} ${r.offsetMinutes} ${r.channel}`).sort()).toEqual([
      'patient 120 email',
      'patient 120 in_app',
      'patient 1440 email',
      'patient 1440 in_app',
      'user 120 email',
      'user 120 in_app',
      'user 1440 email',
      'user 1440 in_app',
    ]);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'session_reminder.email')));
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ patientId: p.id, actorUserId: null });
  });

  it("a video session's reminder says so with the join link; the location's offsets apply; the person's page lists it", async () => {
    const { org, email, mine, p } = await world('virtual');
    await t.database.db
      .insert(schedulingSettings)
      .values({ organizationId: org.id, locationId: org.locations.main, reminderOffsetsMinutes: [30] });
    const link = await (await org.as('clinician')).post(`/api/v1/patients/${p.id}/measures-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const from = received.length;
    await sendDueReminders(deps(), before(100)); // outside the 30-minute window
    expect(received.slice(from).filter(mine)).toHaveLength(0);
    await sendDueReminders(deps(), before(25));
    const mail = received.slice(from).filter((m) => m.to.includes(email));
    expect(mail).toHaveLength(1);
    expect(textOf(mail[0]?.raw ?? '')).toContain('Where: video session - join: https://video.example.test/r/xyz');

    t.clock.set(before(20));
    const token = String(link.json().url).split('/me/')[1];
    const me = await t.app.inject({ method: 'GET', url: `/api/v1/me/${token}/sessions` });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().upcoming).toHaveLength(1);
    expect(me.json().upcoming[0]).toMatchObject({ modality: 'virtual', videoUrl: 'https://video.example.test/r/xyz' });
    expect(me.json().reminders).toMatchObject([{ offsetMinutes: 30 }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/me/${'y'.repeat(43)}/sessions` })).statusCode).toBe(404);
  });
});
