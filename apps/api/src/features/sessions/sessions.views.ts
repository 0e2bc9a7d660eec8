import type { SeriesView, SessionOccurrenceView } from '@openiop/core';
import type { OccurrenceRow, SeriesRow } from './sessions.repo';

export const occurrenceView = (r: OccurrenceRow): SessionOccurrenceView => ({
  id: r.id,
  seriesId: r.seriesId,
  kind: r.kind,
  title: r.title,
  day: r.day,
  startMinute: r.startMinute,
  endMinute: r.endMinute,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  status: r.attendeeStatus === 'cancelled' ? 'cancelled' : r.status,
  modality: r.modality,
  locationName: r.locationName,
  roomName: r.roomName,
  videoUrl: r.modality === 'virtual' ? r.videoUrl : null,
  staffName: r.staffName,
  timeZone: r.timeZone,
});

export const seriesView = (r: { series: SeriesRow; staffName: string; roomName: string | null; upcoming: number }): SeriesView => ({
  id: r.series.id,
  kind: r.series.kind,
  title: r.series.title,
  staffId: r.series.staffId,
  staffName: r.staffName,
  roomId: r.series.roomId,
  roomName: r.roomName,
  modality: r.series.modality,
  rrule: r.series.rrule,
  firstDay: r.series.firstDay,
  startMinute: r.series.startMinute,
  durationMinutes: r.series.durationMinutes,
  exceptDays: r.series.exceptDays,
  upcoming: Number(r.upcoming),
  version: r.series.version,
});
