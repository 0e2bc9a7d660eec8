import { z } from 'zod';
import { attendanceStatuses } from '../attendance/rules';
import { id, isoDate } from './common';

/** Issue 6: the run sheet of one session, attendance with minutes, self check-in and the live hours ledger. */
export const attendanceStatus = z.enum(attendanceStatuses);

export const occurrenceParams = z.strictObject({ occurrenceId: id });
export const occurrencePatientParams = z.strictObject({ occurrenceId: id, patientId: id });

/** Staff record one person's attendance. `minutesAttended` defaults from the status (present: the whole session). */
export const attendanceRecord = z.strictObject({
  status: attendanceStatus,
  minutesAttended: z
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(0, 'must be 0 or more')
    .max(24 * 60, 'must be at most a day')
    .optional(),
});
export type AttendanceRecord = z.infer<typeof attendanceRecord>;

export const attendanceView = z.object({
  status: attendanceStatus,
  minutesAttended: z.number(),
  source: z.enum(['staff', 'check_in', 'video']),
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AttendanceView = z.infer<typeof attendanceView>;

export const runSheetView = z.object({
  occurrence: z.object({
    id,
    kind: z.enum(['group', 'individual', 'family', 'drug_test']),
    title: z.string(),
    day: z.string(),
    startMinute: z.number(),
    endMinute: z.number(),
    startsAt: z.string(),
    endsAt: z.string(),
    lengthMinutes: z.number(),
    status: z.enum(['draft', 'scheduled', 'cancelled']),
    modality: z.enum(['in_person', 'virtual']),
    locationId: id,
    locationName: z.string(),
    timeZone: z.string(),
    roomName: z.string().nullable(),
    staffName: z.string(),
    capacity: z.number(),
  }),
  /** Why attendance cannot be taken yet (or at all), or null when it can. */
  notHeld: z.enum(['cancelled', 'draft', 'not_started']).nullable(),
  roster: z.array(
    z.object({
      patientId: id,
      /** Null for someone outside the reader's scope: they are counted, not named. */
      name: z.string().nullable(),
      attendance: attendanceView.nullable(),
      checkedInAt: z.string().nullable(),
    }),
  ),
  checkIn: z.object({ open: z.boolean(), openedAt: z.string().nullable(), closedAt: z.string().nullable() }),
});
export type RunSheetView = z.infer<typeof runSheetView>;

export const checkInCodeView = z.object({
  code: z.string(),
  /** What the QR code in the room opens: the check-in page with the code filled in. */
  url: z.string(),
  qrDataUrl: z.string(),
  expiresAt: z.string(),
  windowSeconds: z.number(),
});
export type CheckInCodeView = z.infer<typeof checkInCodeView>;

export const meCheckIn = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code shown in the room'),
  method: z.enum(['qr', 'code']).optional(),
});
export type MeCheckIn = z.infer<typeof meCheckIn>;

export const meCheckInView = z.object({
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  checkedInAt: z.string(),
  /** True when this person had already checked in: a second submit counts once. */
  already: z.boolean(),
});
export type MeCheckInView = z.infer<typeof meCheckInView>;

export const hoursQuery = z.strictObject({ week: isoDate.optional() });
export const locationHoursParams = z.strictObject({ id });

const ledgerTotals = {
  floorMinutes: z.number(),
  scheduledMinutes: z.number(),
  attendedMinutes: z.number(),
  possibleMinutes: z.number(),
  unrecordedMinutes: z.number(),
  misses: z.number(),
  met: z.boolean(),
  status: z.enum(['on_track', 'at_risk', 'below_floor']),
};

export const patientHoursView = z.object({
  weekStart: z.string(),
  timeZone: z.string(),
  /** Null without an active episode (no level of care, no floor). */
  levelOfCare: z.string().nullable(),
  stepDown: z.boolean(),
  perDiem: z.boolean(),
  dayMinimumMinutes: z.number(),
  ...ledgerTotals,
  days: z.array(z.object({ day: z.string(), scheduledMinutes: z.number(), attendedMinutes: z.number(), short: z.boolean() })),
  sessions: z.array(
    z.object({
      occurrenceId: id,
      title: z.string(),
      day: z.string(),
      startMinute: z.number(),
      endMinute: z.number(),
      cancelled: z.boolean(),
      attendance: z.object({ status: attendanceStatus, minutesAttended: z.number() }).nullable(),
    }),
  ),
  makeUps: z.array(
    z.object({
      occurrenceId: id,
      /** Where it runs and its week: adding the person goes through the schedule's checked roster change. */
      locationId: id,
      weekStart: z.string(),
      title: z.string(),
      day: z.string(),
      startMinute: z.number(),
      endMinute: z.number(),
      openSeats: z.number(),
    }),
  ),
  /** The engagement-risk flag on the chart: empty when there is none. */
  engagementRisk: z.array(z.enum(['two_misses_in_a_row', 'under_floor_two_weeks'])),
});
export type PatientHoursView = z.infer<typeof patientHoursView>;

export const locationHoursView = z.object({
  weekStart: z.string(),
  locationName: z.string(),
  people: z.array(z.object({ patientId: id, name: z.string(), ...ledgerTotals })),
});
export type LocationHoursView = z.infer<typeof locationHoursView>;

export const todaySessionsView = z.object({
  day: z.string(),
  items: z.array(
    z.object({
      id,
      title: z.string(),
      kind: z.enum(['group', 'individual', 'family', 'drug_test']),
      startsAt: z.string(),
      endsAt: z.string(),
      startMinute: z.number(),
      endMinute: z.number(),
      locationName: z.string(),
      roomName: z.string().nullable(),
      rosterCount: z.number(),
      recordedCount: z.number(),
    }),
  ),
});
export type TodaySessionsView = z.infer<typeof todaySessionsView>;
