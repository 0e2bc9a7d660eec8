import { noConcernAnswers } from '@openiop/core';

/** Pre-screen answers with nothing of concern, for tests to vary one answer at a time. */
export const calmAnswers = { ...noConcernAnswers, substances: [{ substance: 'cannabis', dailyUse: false, daysOfUse: 0 }] };
