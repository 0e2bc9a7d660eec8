import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex, utf8 } from './hmac';
import { dailyProbability, drawDay, drawValue, rateFor, type DrugTestRates, type EligiblePerson } from './selection';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const people = (n: number, phase: (i: number) => number | null = () => null): EligiblePerson[] =>
  Array.from({ length: n }, (_, i) => ({ patientId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, phase: phase(i) }));
const WEEKDAYS: DrugTestRates = { ratesByPhase: { '1': 2, '2': 1, '3': 0.5 }, defaultRatePerWeek: 1, collectionWeekdays: [0, 1, 2, 3, 4] };

/** Tests per person-week over `weeks` weeks from 2026-01-05 (a Monday). */
function simulate(secret: string, rates: DrugTestRates, eligible: EligiblePerson[], weeks: number) {
  const perPerson = new Map<string, number>();
  let total = 0;
  for (let w = 0; w < weeks; w++)
    for (let wd = 0; wd < 7; wd++) {
      const day = addDays('2026-01-05', w * 7 + wd);
      const draw = drawDay({ secret, day, weekday: wd, rates, eligible });
      expect(new Set(draw.selected).size).toBe(draw.selected.length);
      for (const id of draw.selected) perPerson.set(id, (perPerson.get(id) ?? 0) + 1);
      total += draw.selected.length;
    }
  return { mean: total / (weeks * eligible.length), perPerson };
}

describe('SHA-256 and HMAC-SHA256 (pure)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('sha256(%j) is the FIPS 180-4 example', (input, hex) => {
    expect(toHex(sha256(utf8(input)))).toBe(hex);
  });

  it('encodes UTF-8 like the standard (multi-byte and astral characters)', () => {
    expect(Array.from(utf8('aé€😀'))).toEqual([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('RFC 4231 test case 2', () => {
    expect(toHex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('RFC 4231 test case 6 (a key longer than a block)', () => {
    const key = new Uint8Array(131).fill(0xaa);
    expect(toHex(hmacSha256(key, utf8('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });
});

describe('rates and probabilities', () => {
  it.each([
    [1, 2],
    [2, 1],
    [3, 0.5],
    [4, 1],
    [null, 1],
  ] as const)('phase %s → %s a week', (phase, rate) => {
    expect(rateFor(WEEKDAYS, phase)).toBe(rate);
  });

  it.each([
    [1, 5, 0.2],
    [2, 5, 0.4],
    [7, 5, 1],
    [0, 5, 0],
    [1, 0, 0],
    [1.5, 3, 0.5],
  ])('rate %s over %s days → p %s', (rate, days, p) => {
    expect(dailyProbability(rate, days)).toBeCloseTo(p, 10);
  });
});

describe('drawDay', () => {
  it('holds the configured rate over 200 weeks × 40 people (mean tests per person-week within ±10%)', () => {
    for (const rate of [0.5, 1, 1.5, 2]) {
      const { mean } = simulate(`secret-${rate}`, { ...WEEKDAYS, ratesByPhase: {}, defaultRatePerWeek: rate }, people(40), 200);
      expect(Math.abs(mean - rate) / rate, `rate ${rate}: mean ${mean}`).toBeLessThan(0.1);
    }
  }, 60_000);

  it('phases change the rate: phase 1 twice a week, phase 3 every other week', () => {
    const eligible = people(40, (i) => (i < 20 ? 1 : 3));
    const { perPerson } = simulate('phase-secret', WEEKDAYS, eligible, 200);
    const meanOf = (ids: EligiblePerson[]) => ids.reduce((s, p) => s + (perPerson.get(p.patientId) ?? 0), 0) / (ids.length * 200);
    const early = meanOf(eligible.slice(0, 20));
    const late = meanOf(eligible.slice(20));
    expect(Math.abs(early - 2) / 2).toBeLessThan(0.1);
    expect(Math.abs(late - 0.5) / 0.5).toBeLessThan(0.15);
    expect(early).toBeGreaterThan(late * 3);
  }, 60_000);

  it('selects nobody on a day without collection, and no one twice even when listed twice', () => {
    const eligible = people(30);
    const sunday = drawDay({ secret: 's', day: '2026-01-11', weekday: 6, rates: WEEKDAYS, eligible });
    expect(sunday).toMatchObject({ collectionDay: false, selected: [] });
    expect(sunday.entries.every((e) => e.p === 0)).toBe(true);
    const everyone = drawDay({
      secret: 's',
      day: '2026-01-12',
      weekday: 0,
      rates: { ...WEEKDAYS, defaultRatePerWeek: 7, ratesByPhase: {} },
      eligible: [...eligible, ...eligible],
    });
    expect(everyone.entries).toHaveLength(30);
    expect(everyone.selected).toHaveLength(30);
    expect(new Set(everyone.selected).size).toBe(30);
  });

  it('is deterministic given the secret and day, and differs without the secret', () => {
    const eligible = people(40);
    const input = { day: '2026-03-02', weekday: 0, rates: WEEKDAYS, eligible };
    const a = drawDay({ ...input, secret: 'location-secret' });
    expect(drawDay({ ...input, secret: 'location-secret' })).toEqual(a);
    // Order of the eligible list does not change the outcome.
    expect(drawDay({ ...input, eligible: [...eligible].reverse(), secret: 'location-secret' }).selected).toEqual(a.selected);
    // Anyone guessing with another secret gets an unrelated selection: over many days the overlap is what chance gives.
    let agree = 0;
    let total = 0;
    for (let d = 0; d < 100; d++) {
      const day = addDays('2026-03-02', d * 7);
      const real = new Set(drawDay({ ...input, day, secret: 'location-secret' }).selected);
      const guess = drawDay({ ...input, day, secret: 'a guessed secret' }).entries;
      for (const e of guess) {
        total += 1;
        if (e.selected === real.has(e.patientId)) agree += 1;
      }
    }
    // p = 0.2: two independent draws agree with probability 0.2² + 0.8² = 0.68.
    expect(agree / total).toBeGreaterThan(0.64);
    expect(agree / total).toBeLessThan(0.72);
  });

  it('the draw value is uniform on [0, 1) and depends on day and person', () => {
    const values = Array.from({ length: 4000 }, (_, i) => drawValue('k', addDays('2026-01-01', i % 365), `p${i}`));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = Array.from({ length: 10 }, (_, b) => values.filter((v) => v >= b / 10 && v < (b + 1) / 10).length);
    for (const n of buckets) expect(Math.abs(n - 400)).toBeLessThan(80);
    expect(drawValue('k', '2026-01-01', 'p')).not.toBe(drawValue('k', '2026-01-02', 'p'));
    expect(drawValue('k', '2026-01-01', 'p')).not.toBe(drawValue('k', '2026-01-01', 'q'));
  });
});
