import { describe, expect, it } from 'vitest';
import { familyRequests, individualRequests, type WeekInputs, type WeekPerson, type WeekSession } from './week-inputs';

const person = (id: string, over: Partial<WeekPerson> = {}): WeekPerson => ({
  id,
  name: id,
  primaryClinicianId: 'lee',
  levelOfCare: '2.1',
  phase: null,
  availableHours: 12,
  familySessions: true,
  ...over,
});

const staff = (id: string, clinician = true) => ({
  id,
  name: id,
  clinician,
  credentials: [],
  hours: [{ day: 0 as const, start: 540, end: 1020 }],
});

const family = (patientId: string, id = `f-${patientId}`): WeekSession => ({
  id,
  key: id,
  kind: 'family',
  title: 'Family session',
  templateId: null,
  trackId: null,
  day: '2026-11-16',
  startMinute: 600,
  endMinute: 650,
  roomId: null,
  modality: 'in_person',
  capacity: 1,
  credential: null,
  staffId: 'lee',
  status: 'draft',
  attendees: [{ patientId, source: id.startsWith('solver') ? 'solver' : 'manual' }],
});

// 2026-11-16 is 150 weeks after 2024-01-01: on an every-other-week cadence; 2026-11-23 is not.
const inputs = (over: Partial<WeekInputs> = {}): WeekInputs => ({
  location: { id: 'loc', name: 'Main', timeZone: 'America/Los_Angeles' },
  weekStart: '2026-11-16',
  week: null,
  sessions: [],
  closures: [],
  rooms: [],
  tracks: new Map(),
  staff: [staff('lee'), staff('kim'), staff('pat', false)],
  people: [person('ana'), person('ben', { familySessions: false }), person('cy', { primaryClinicianId: 'kim' })],
  patientWeeks: [],
  individual: { minutes: 50, everyWeeks: 1 },
  family: { minutes: 50, everyWeeks: 2 },
  ...over,
});

describe('familyRequests', () => {
  const cases: [string, WeekInputs, ReadonlySet<string>, { id: string; staffIds: string[] }[]][] = [
    [
      'everyone who wants them, primary clinician first, clinicians only',
      inputs(),
      new Set(),
      [
        { id: 'family:ana', staffIds: ['lee', 'kim'] },
        { id: 'family:cy', staffIds: ['kim', 'lee'] },
      ],
    ],
    ['off the cadence: none', inputs({ weekStart: '2026-11-23' }), new Set(), []],
    [
      'every week: the off week too',
      inputs({ weekStart: '2026-11-23', family: { minutes: 60, everyWeeks: 1 } }),
      new Set(),
      [
        { id: 'family:ana', staffIds: ['lee', 'kim'] },
        { id: 'family:cy', staffIds: ['kim', 'lee'] },
      ],
    ],
    [
      'a family session booked by hand counts',
      inputs({ sessions: [family('ana')] }),
      new Set(),
      [{ id: 'family:cy', staffIds: ['kim', 'lee'] }],
    ],
    [
      "the optimiser's own family session is asked for again (a re-solve keeps it where it can)",
      inputs({ sessions: [family('ana', 'solver-1')] }),
      new Set(['solver-1']),
      [
        { id: 'family:ana', staffIds: ['lee', 'kim'] },
        { id: 'family:cy', staffIds: ['kim', 'lee'] },
      ],
    ],
    ['no clinician with hours: none', inputs({ staff: [staff('pat', false)] }), new Set(), []],
    [
      'a primary clinician who does not work here is left out',
      inputs({ people: [person('ana', { primaryClinicianId: 'zed' })] }),
      new Set(),
      [{ id: 'family:ana', staffIds: ['lee', 'kim'] }],
    ],
  ];
  it.each(cases)('%s', (_name, week, solverPlaced, expected) =>
    expect(familyRequests(week, solverPlaced).map((r) => ({ id: r.id, staffIds: r.staffIds }))).toEqual(expected),
  );

  it('asks for the family length, in person', () =>
    expect(familyRequests(inputs({ family: { minutes: 60, everyWeeks: 2 } }))[0]).toMatchObject({
      kind: 'family',
      minutes: 60,
      inPerson: true,
      patientId: 'ana',
    }));

  it('individual requests are unchanged by family ones (a family session booked by hand still stands in)', () => {
    const week = inputs({
      sessions: [family('ana')],
      patientWeeks: ['ana', 'cy'].map((id) => ({
        id,
        ageGroup: 'adult' as const,
        levelOfCare: '2.1' as const,
        phaseMinHours: 9,
        stepDown: false,
        perDiem: false,
        availability: [],
        preferredTracks: [],
      })),
    });
    expect(individualRequests(week).map((r) => r.id)).toEqual(['individual:cy']);
  });
});
