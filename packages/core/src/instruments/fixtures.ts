import { isAsked, pointsFor } from './scoring';
import type { Answers, InstrumentDefinition } from './types';

/**
 * Test helper: a complete set of answers to a definition's scored items that adds up to `total` (a depth-first
 * search over the options, so scales with gaps such as COWS still find one). Unscored items get their first option.
 */
export function answersForTotal(def: InstrumentDefinition, total: number): Answers {
  const scored = def.items.filter((i) => i.scored !== false && !i.askWhen);
  const answers: Answers = {};
  const search = (index: number, remaining: number): boolean => {
    const item = scored[index];
    if (!item) return remaining === 0;
    const options = [...item.options].sort((a, b) => pointsFor(item, b.value) - pointsFor(item, a.value));
    for (const o of options) {
      const p = pointsFor(item, o.value);
      if (p > remaining) continue;
      answers[item.id] = o.value;
      if (search(index + 1, remaining - p)) return true;
    }
    delete answers[item.id];
    return false;
  };
  if (!search(0, total)) throw new Error(`${def.id} cannot total ${total}`);
  for (const item of def.items) {
    if (answers[item.id] === undefined && isAsked(item, answers) && item.options[0]) answers[item.id] = item.options[0].value;
  }
  return answers;
}
