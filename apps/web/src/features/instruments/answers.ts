import type { Answers, InstrumentDefinitionView } from '@openiop/core';

type Item = InstrumentDefinitionView['items'][number];

/** Whether an item is asked given the answers so far (the same rule the scorer applies). */
export function isAskedNow(item: Item, answers: Answers): boolean {
  if (!item.askWhen) return true;
  const { anyOf, values } = item.askWhen;
  return anyOf.some((id) => answers[id] !== undefined && values.includes(answers[id]));
}

/** Sets one answer and drops answers to items that the change makes no longer asked (ASQ 5, BAM 7A–G). */
export function withAnswer(def: InstrumentDefinitionView, answers: Answers, itemId: string, value: number): Answers {
  const next: Answers = { ...answers, [itemId]: value };
  for (const item of def.items) if (!isAskedNow(item, next)) delete next[item.id];
  return next;
}

export function unansweredCount(def: InstrumentDefinitionView, answers: Answers): number {
  return def.items.filter((i) => isAskedNow(i, answers) && answers[i.id] === undefined).length;
}

/** Field errors from a problem's `items.<id>` paths. */
export function itemErrors(errors: { path: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.path, e.message]));
}
