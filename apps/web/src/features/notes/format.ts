/** A session's time in its clinic's zone (never the browser's), e.g. "Fri, Nov 13, 10:00 AM". */
export function sessionWhen(startsAt: string, timeZone: string): string {
  const d = new Date(startsAt);
  if (Number.isNaN(d.getTime())) return startsAt;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(d);
}

export const templateLabel: Record<string, string> = { group: 'Group note', dap: 'DAP note', birp: 'BIRP note', soap: 'SOAP note' };
export const statusLabel: Record<string, string> = { draft: 'Draft', awaiting_cosign: 'Awaiting co-signature', signed: 'Signed' };
export const attendanceLabel: Record<string, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent',
};
