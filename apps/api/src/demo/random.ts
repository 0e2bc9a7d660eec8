let idSalt = 0;

/**
 * Makes every demo id drawn after this differ from the default ones while the demo's content (names, dates,
 * answers) stays exactly what its seed gives. Tests that seed a second demo program into a shared database use it,
 * so their assertions see the same program on every run and their ids never collide. 0 restores the default ids.
 */
export function setDemoIdSalt(salt: number): void {
  idSalt = salt >>> 0;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same demo program on every machine. */
export class Rng {
  private state: number;
  private readonly salt: string | null;
  constructor(seed: number) {
    this.state = seed >>> 0;
    this.salt = idSalt ? saltHex(idSalt) : null;
  }
  next(): number {
    const [state, value] = step(this.state);
    this.state = state;
    return value;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A version-4-shaped UUID drawn from this generator, so demo ids (and URLs) are stable. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    if (this.salt)
      for (let i = 0; i < 32; i += 1)
        if (i !== 12 && i !== 16) hex[i] = (Number.parseInt(hex[i] ?? '0', 16) ^ Number.parseInt(this.salt[i] ?? '0', 16)).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** One mulberry32 step: the next state and a number in [0, 1). */
function step(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** 32 hex digits from a salt, drawn from a generator of their own so the content stream is untouched. */
function saltHex(salt: number): string {
  let state = salt >>> 0;
  return Array.from({ length: 32 }, () => {
    const [next, value] = step(state);
    state = next;
    return Math.floor(value * 16).toString(16);
  }).join('');
}
