import { describe, expect, it } from 'vitest';
import { externalRoomUrl, presenceMinutes, roomWindow, videoAttendance, type Stay } from './presence';

const start = new Date('2026-03-08T17:00:00Z');
const end = new Date('2026-03-08T17:50:00Z');
const at = (m: number) => new Date(start.getTime() + m * 60_000);
const stay = (a: number, b: number | null): Stay => ({ joinedAt: at(a), leftAt: b === null ? null : at(b) });

describe('presenceMinutes', () => {
  it.each([
    ['no stays', [], 0],
    ['the whole session', [stay(0, 50)], 50],
    ['joined early: clipped to the start', [stay(-10, 50)], 50],
    ['stayed late: clipped to the end', [stay(0, 80)], 50],
    ['a stay wholly before the start', [stay(-15, -1)], 0],
    ['a stay wholly after the end', [stay(55, 70)], 0],
    ['two separate stays add up', [stay(0, 10), stay(20, 30)], 20],
    ['overlapping stays (two tabs) count once', [stay(0, 30), stay(10, 40)], 40],
    ['a stay inside another counts once', [stay(0, 50), stay(10, 20)], 50],
    ['stays given out of order', [stay(20, 30), stay(0, 10)], 20],
    ['touching stays (reconnect) join up', [stay(0, 25), stay(25, 50)], 50],
    ['rounded down: 9.5 minutes is 9', [{ joinedAt: at(0), leftAt: new Date(at(9).getTime() + 30_000) }], 9],
    ['an open stay counts to the end', [stay(5, null)], 45],
  ])('%s', (_name, stays, expected) => {
    expect(presenceMinutes(stays, start, end)).toBe(expected);
  });

  it('an open stay counts until now while the session runs', () => {
    expect(presenceMinutes([stay(0, null)], start, end, at(12))).toBe(12);
  });

  it('a session across the DST change counts real minutes (01:30 PST → 03:10 PDT is 40 minutes)', () => {
    const s = new Date('2026-03-08T09:30:00Z');
    const e = new Date('2026-03-08T10:10:00Z');
    expect(presenceMinutes([{ joinedAt: s, leftAt: e }], s, e)).toBe(40);
  });
});

describe('videoAttendance', () => {
  it.each([
    ['never admitted', [], null],
    ['on time, to the end', [stay(-3, 50)], { status: 'present', minutesAttended: 50 }],
    ['within the grace both ends', [stay(5, 45)], { status: 'present', minutesAttended: 40 }],
    ['late beyond the grace', [stay(6, 50)], { status: 'late', minutesAttended: 44 }],
    ['left early beyond the grace', [stay(0, 44)], { status: 'left_early', minutesAttended: 44 }],
    ['late and left early: late wins, minutes tell the rest', [stay(10, 30)], { status: 'late', minutesAttended: 20 }],
    ['dropped and rejoined: the last leave decides', [stay(0, 20), stay(22, 50)], { status: 'present', minutesAttended: 48 }],
    ['still in the room: not left early', [stay(0, null)], { status: 'present', minutesAttended: 30, leftAt: null }],
  ])('%s', (_name, stays, expected) => {
    const got = videoAttendance(stays, start, end, at(30));
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });

  it('arrival is the first join and departure the last leave', () => {
    const got = videoAttendance([stay(22, 50), stay(1, 20)], start, end, at(60));
    expect(got?.arrivedAt).toEqual(at(1));
    expect(got?.leftAt).toEqual(at(50));
  });
});

describe('roomWindow', () => {
  it.each([
    ['16 minutes before', -16, 'not_yet'],
    ['15 minutes before: the waiting room opens', -15, 'open'],
    ['during the session', 20, 'open'],
    ['29 minutes after the end', 79, 'open'],
    ['30 minutes after the end: closed', 80, 'closed'],
  ])('%s', (_name, minute, state) => {
    expect(roomWindow(start, end, at(minute)).state).toBe(state);
  });
});

describe('externalRoomUrl', () => {
  const tpl = 'https://meet.example.test/openiop-{occurrenceId}';
  it.each([
    ['no template: always built-in', null, 12, 6, null],
    ['fits the mesh with the host: built-in', tpl, 5, 6, null],
    ['one too many for the mesh: external', tpl, 6, 6, 'https://meet.example.test/openiop-abc'],
    ['a large group: external', tpl, 12, 6, 'https://meet.example.test/openiop-abc'],
  ])('%s', (_name, template, roster, limit, expected) => {
    expect(externalRoomUrl(template, 'abc', roster, limit)).toBe(expected);
  });
});
