import { sql } from 'drizzle-orm';
import { and, eq } from 'drizzle-orm';
import { dueReminders, type DueReminder, type ReminderRecipient } from '@openiop/core';
import type { Database } from '../../db/database';
import { sessionReminders } from '../../db/schema/index';
import { appendAudit } from '../../platform/audit';
import type { Mailer } from '../../platform/mailer';
import { startPeriodic } from '../../platform/periodic';

export interface ReminderDeps {
  database: Database;
  mailer: Mailer;
  publicUrl: string;
  /** Failures are logged by kind only: no addresses, no names. */
  log?: (msg: string) => void;
}

interface OccurrenceRow {
  id: string;
  organizationId: string;
  startsAt: Date | string;
  modality: 'in_person' | 'virtual';
  videoUrl: string | null;
  locationName: string;
  timeZone: string;
  phone: string;
  roomName: string | null;
  offsets: number[] | null;
  staffId: string;
  staffEmail: string | null;
}

interface AttendeeRow {
  occurrenceId: string;
  patientId: string;
  email: string | null;
}

/** Sessions whose earliest reminder window has opened and that have not started, across organizations. */
async function loadWindow(database: Database, now: Date): Promise<OccurrenceRow[]> {
  const at = now.toISOString();
  return database.query<OccurrenceRow>(sql`
    select o.id, o.organization_id as "organizationId", o.starts_at as "startsAt", o.modality, o.video_url as "videoUrl",
      l.name as "locationName", l.time_zone as "timeZone", l.phone, r.name as "roomName", s.reminder_offsets_minutes as offsets,
      o.staff_id as "staffId", case when u.active then u.email end as "staffEmail"
    from session_occurrences o
    join locations l on l.id = o.location_id
    join users u on u.id = o.staff_id
    left join rooms r on r.id = o.room_id
    left join scheduling_settings s on s.organization_id = o.organization_id and s.location_id = o.location_id
    where o.status = 'scheduled' and o.starts_at > ${at}::timestamptz
      and o.starts_at <= ${at}::timestamptz
        + make_interval(mins => coalesce((select max(x) from unnest(s.reminder_offsets_minutes) x), 1440))
    order by o.starts_at`);
}

async function loadAttendees(database: Database, ids: string[]): Promise<AttendeeRow[]> {
  if (!ids.length) return [];
  return database.query<AttendeeRow>(sql`
    select a.occurrence_id as "occurrenceId", a.patient_id as "patientId", p.email
    from session_attendees a join patients p on p.id = a.patient_id and p.organization_id = a.organization_id
    where a.status = 'scheduled' and a.occurrence_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}

const whenText = (startsAt: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(startsAt);

/**
 * The e-mail: when, where (or "video session" and the join link), and a link — nothing about what the session is.
 * Staff get the person's page in the app; the person gets the clinic's phone number (their own page's link is a
 * secret we keep only as a hash, so it cannot be mailed again).
 */
export function reminderMail(o: OccurrenceRow, toStaff: boolean, personId: string | null, publicUrl: string) {
  const startsAt = new Date(o.startsAt);
  const when = whenText(startsAt, o.timeZone);
  const base = publicUrl.replace(/\/$/, '');
  // A session without its own link meets in the built-in room: staff join at /video/:id; the person joins from
  // their own page (its link is a secret kept only as a hash, so it cannot be mailed).
  const builtIn = toStaff ? ` - join: ${base}/video/${o.id}` : ' - join from your page (the link your care team gave you)';
  const where =
    o.modality === 'virtual'
      ? `video session${o.videoUrl ? ` - join: ${o.videoUrl}` : builtIn}`
      : [o.locationName, o.roomName].filter(Boolean).join(', ');
  const link = toStaff
    ? personId
      ? `Person's page: ${base}/patients/${personId}`
      : `Schedule: ${base}/`
    : `Questions or need to change it? Call ${o.locationName} at ${o.phone}.`;
  return {
    subject: `Reminder: session on ${when}`,
    text: [`This is a reminder of your session.`, '', `When: ${when}`, `Where: ${where}`, '', link].join('\n'),
  };
}

/**
 * Sends the reminders due at `now`: e-mail to attendees with an address and to the staff member, and an in-app row
 * for each. Insert first, then send: the row per (occurrence, recipient, offset, channel) is claimed with
 * `on conflict do nothing` before the mail goes, so two overlapping runs (or two servers) never send one twice; if
 * the mail fails the claim is removed and the next run tries again. Returns what it did.
 */
export async function sendDueReminders(deps: ReminderDeps, now: Date): Promise<{ emails: number; inApp: number; failed: number }> {
  const occurrences = await loadWindow(deps.database, now);
  const attendees = await loadAttendees(
    deps.database,
    occurrences.map((o) => o.id),
  );
  const recipients: ReminderRecipient[] = [
    ...attendees.map((a) => ({ occurrenceId: a.occurrenceId, recipient: `patient:${a.patientId}`, email: a.email })),
    ...occurrences.map((o) => ({ occurrenceId: o.id, recipient: `user:${o.staffId}`, email: o.staffEmail })),
  ];
  const due = dueReminders(
    occurrences.map((o) => ({ id: o.id, startsAt: new Date(o.startsAt), status: 'scheduled' as const, offsetsMinutes: o.offsets })),
    recipients,
    now,
  );
  const byId = new Map(occurrences.map((o) => [o.id, o]));
  const attendeesOf = (id: string) => attendees.filter((a) => a.occurrenceId === id);
  const done = { emails: 0, inApp: 0, failed: 0 };
  for (const d of due) {
    const o = byId.get(d.occurrenceId);
    if (!o) continue;
    const claimed = await claim(deps.database, o.organizationId, d, now);
    if (!claimed) continue;
    if (d.channel === 'in_app') {
      done.inApp += 1;
      continue;
    }
    const toStaff = d.recipient.startsWith('user:');
    const people = attendeesOf(o.id);
    const personId = toStaff ? (people.length === 1 ? (people[0]?.patientId ?? null) : null) : d.recipient.slice('patient:'.length);
    try {
      await deps.mailer.send({
        to: d.email ?? '',
        organizationId: o.organizationId,
        ...reminderMail(o, toStaff, personId, deps.publicUrl),
      });
      done.emails += 1;
      if (!toStaff && personId)
        await deps.database.db.transaction((tx) =>
          appendAudit(tx, {
            organizationId: o.organizationId,
            actorUserId: null,
            actorTokenId: null,
            occurredAt: now,
            ip: null,
            userAgent: null,
            action: 'session_reminder.email',
            resourceType: 'session_occurrence',
            resourceId: o.id,
            patientId: personId,
            details: { offsetMinutes: d.offsetMinutes, reminderId: claimed },
          }),
        );
    } catch {
      done.failed += 1;
      deps.log?.('session reminder e-mail failed; it will be retried');
      await deps.database.db
        .delete(sessionReminders)
        .where(and(eq(sessionReminders.organizationId, o.organizationId), eq(sessionReminders.id, claimed)));
    }
  }
  return done;
}

/** Claims one reminder; the id when this run claimed it, null when it was already sent. */
async function claim(database: Database, organizationId: string, d: DueReminder, now: Date): Promise<string | null> {
  const [kind, id] = d.recipient.split(':') as ['patient' | 'user', string];
  const [row] = await database.db
    .insert(sessionReminders)
    .values({
      organizationId,
      occurrenceId: d.occurrenceId,
      patientId: kind === 'patient' ? id : null,
      userId: kind === 'user' ? id : null,
      recipient: d.recipient,
      offsetMinutes: d.offsetMinutes,
      channel: d.channel,
      sentAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: sessionReminders.id });
  return row?.id ?? null;
}

/** Runs `sendDueReminders` every `everyMs` (a run still going is not overlapped); returns stop. */
export function startReminderJob(deps: ReminderDeps, now: () => Date, everyMs = 60_000): () => Promise<void> {
  return startPeriodic('session reminders', () => sendDueReminders(deps, now()), everyMs, deps.log);
}
