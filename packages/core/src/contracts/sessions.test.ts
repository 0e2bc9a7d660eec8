import { describe, expect, it } from 'vitest';
import { seriesCreate } from './sessions';

const valid = {
  kind: 'individual',
  staffId: '00000000-0000-4000-8000-000000000001',
  modality: 'in_person',
  roomId: '00000000-0000-4000-8000-000000000002',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
  firstDay: '2026-11-17',
  startMinute: 600,
  durationMinutes: 50,
};

const issues = (body: unknown) => {
  const r = seriesCreate.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('seriesCreate', () => {
  it('accepts a weekly in-person series', () => expect(issues(valid)).toEqual([]));

  it.each([
    [{ rrule: 'FREQ=HOURLY' }, 'rrule', 'rrule: unsupported FREQ=HOURLY (DAILY or WEEKLY)'],
    [{ firstDay: '2026-11-18' }, 'firstDay', 'firstDay falls on WE, which BYDAY does not include'],
    [{ roomId: null }, 'roomId', 'an in-person session needs a room'],
    [{ modality: 'virtual' }, 'roomId', 'a video session has no room'],
    [{ videoUrl: 'https://video.example.test/x' }, 'videoUrl', 'an in-person session has no join link'],
    [{ modality: 'virtual', roomId: null, videoUrl: 'javascript:alert(1)' }, 'videoUrl', 'must be an http(s) link'],
    [{ startMinute: 1400 }, 'durationMinutes', 'durationMinutes: a session must end by midnight'],
    [{ extra: 1 }, '', 'Unrecognized key: "extra"'],
  ])('refuses %j at %s', (change, path, message) => {
    expect(issues({ ...valid, ...change })).toContainEqual({ path, message });
  });
});
