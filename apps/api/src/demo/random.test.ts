import { afterEach, describe, expect, it } from 'vitest';
import { Rng, setDemoIdSalt } from './random';

const draw = () => {
  const rng = new Rng(20261122);
  return { id: rng.uuid(), then: [rng.int(0, 1000), rng.int(0, 1000), rng.pick(['a', 'b', 'c'])] };
};

describe('demo ids with a salt', () => {
  afterEach(() => setDemoIdSalt(0));

  it('leave the content stream as the seed gives it, and change every id', () => {
    const plain = draw();
    setDemoIdSalt(12345);
    const salted = draw();
    expect(salted.then).toEqual(plain.then);
    expect(salted.id).not.toBe(plain.id);
    expect(salted.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    setDemoIdSalt(0);
    expect(draw()).toEqual(plain);
  });

  it('give different ids for different salts, even neighbouring ones', () => {
    const ids = new Set<string>();
    for (let salt = 1; salt <= 2000; salt += 1) {
      setDemoIdSalt(salt * 7919);
      ids.add(draw().id);
    }
    for (let salt = 1; salt <= 200; salt += 1) {
      setDemoIdSalt(1_000_000 + salt);
      ids.add(draw().id);
    }
    expect(ids.size).toBe(2200);
  });
});
