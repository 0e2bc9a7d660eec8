/** Pre-screen answers with nothing of concern, for tests to vary one answer at a time. */
export const calmAnswers = {
  substances: [{ substance: 'cannabis', dailyUse: false, daysOfUse: 0 }],
  pastWithdrawalSeizures: false,
  pastDeliriumTremens: false,
  withdrawalSymptomsNow: false,
  unstableMedicalCondition: false,
  unstablePsychiatricState: false,
  dangerToSelf: false,
  dangerToOthers: false,
  housing: 'stable',
  canGetTransport: true,
  canAttendSchedule: true,
  pregnant: false,
};
