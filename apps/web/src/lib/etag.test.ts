import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { saveChanges } from './etag';

describe('saveChanges', () => {
  it('sends nothing when nothing changed', async () => {
    const sent: unknown[] = [];
    expect(await saveChanges({}, async (c) => sent.push(c))).toBe('unchanged');
    expect(sent).toEqual([]);
  });

  it('sends only the changes and reports saved', async () => {
    const sent: unknown[] = [];
    expect(await saveChanges({ pronouns: 'they/them' }, async (c) => sent.push(c))).toBe('saved');
    expect(sent).toEqual([{ pronouns: 'they/them' }]);
  });

  it('reports stale on 412 and throws any other failure', async () => {
    const fail = (code: 'PRECONDITION_FAILED' | 'VALIDATION_FAILED') => async () => {
      throw new ApiError({ status: code === 'PRECONDITION_FAILED' ? 412 : 400, code, title: 'x' });
    };
    expect(await saveChanges({ a: 1 }, fail('PRECONDITION_FAILED'))).toBe('stale');
    await expect(saveChanges({ a: 1 }, fail('VALIDATION_FAILED'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
