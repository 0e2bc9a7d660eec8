import { definitionViewOf, instruments } from '@openiop/core';
import { describe, expect, it } from 'vitest';
import { itemErrors, unansweredCount, withAnswer } from './answers';

const asq = definitionViewOf(instruments.asq);
const bam = definitionViewOf(instruments.bam);

describe('answering in the form', () => {
  it('asks ASQ question 5 only after a yes or a refusal, and drops it when that answer changes back', () => {
    let a = withAnswer(asq, {}, 'q1', 0);
    expect(unansweredCount(asq, a)).toBe(3);
    a = withAnswer(asq, a, 'q2', 2);
    expect(unansweredCount(asq, a)).toBe(3); // q3, q4 and now q5
    a = withAnswer(asq, a, 'q5', 0);
    a = withAnswer(asq, a, 'q2', 0);
    expect(a).toEqual({ q1: 0, q2: 0 });
  });

  it('clears BAM 7A–G when item 6 goes back to 0 days', () => {
    let a = withAnswer(bam, {}, 'q6', 3);
    a = withAnswer(bam, a, 'q7a', 1);
    expect(withAnswer(bam, a, 'q6', 0)).toEqual({ q6: 0 });
  });

  it('maps problem paths onto items', () => {
    expect(itemErrors([{ path: 'items.q9', message: 'must be one of 0, 2, 4' }])).toEqual({ 'items.q9': 'must be one of 0, 2, 4' });
  });
});
