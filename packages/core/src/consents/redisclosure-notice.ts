/**
 * The notice that must accompany every disclosure made with a patient's Part 2 consent (42 CFR §2.32), in the long
 * form (statement 1) or the short form (statement 2). This is US federal regulatory text (public domain), written
 * here as the regulation gives it to the best of our knowledge.
 *
 * MUST BE CHECKED AGAINST THE eCFR (https://www.ecfr.gov/current/title-42/part-2/section-2.32) BEFORE PRODUCTION:
 * the exact wording of the 2024 final rule (89 FR 12472) is unconfirmed in our reference. Change the text by adding
 * a new version, never by editing one in place — every stored disclosure names the version it carried.
 */
export interface RedisclosureNotice {
  version: string;
  long: string;
  short: string;
}

export const redisclosureNotices: readonly RedisclosureNotice[] = [
  {
    version: '2024-final-rule.draft-1',
    long:
      'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
      'These rules prohibit you from using or disclosing this record, or testimony that describes the information ' +
      'contained in this record, in any civil, criminal, administrative, or legislative proceedings by any Federal, ' +
      'State, or local authority, against the patient, unless authorized by the consent of the patient, except as ' +
      'provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, ' +
      'the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of ' +
      'the following applies: (A) further use or disclosure is expressly permitted by the written consent of the ' +
      'individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2; ' +
      '(B) you are a covered entity or business associate and have received the record for treatment, payment, or ' +
      'health care operations; or (C) you have received the record from a covered entity or business associate as ' +
      'permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of medical or other ' +
      'information is NOT sufficient to meet the required elements of written consent to further use or redisclose ' +
      'the record (see 42 CFR 2.31).',
    short: '42 CFR part 2 prohibits unauthorized use or disclosure of these records.',
  },
];

/** The notice new disclosures carry. */
export const currentRedisclosureNotice: RedisclosureNotice = redisclosureNotices[redisclosureNotices.length - 1] as RedisclosureNotice;

export function noticeText(notice: RedisclosureNotice, form: 'long' | 'short'): string {
  return form === 'long' ? notice.long : notice.short;
}
