import { describe, expect, it } from 'vitest';
import { id } from '@openiop/core';
import { newClientId } from './client-id';

describe('newClientId', () => {
  it('makes UUIDs the api accepts, different each time', () => {
    const ids = Array.from({ length: 50 }, newClientId);
    for (const x of ids) expect(id.safeParse(x).success).toBe(true);
    expect(new Set(ids).size).toBe(50);
  });
});
