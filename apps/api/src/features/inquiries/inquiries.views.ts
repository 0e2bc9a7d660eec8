import { tedsPsource, type FollowUpView, type InquiryCard, type InquiryView, type ReferralSource } from '@openiop/core';
import type { InquiryRow, listFollowUps } from './inquiries.repo';

type FollowUpRow = Awaited<ReturnType<typeof listFollowUps>>[number];

const named = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

export function followUpToView(r: FollowUpRow, now: Date): FollowUpView {
  return {
    id: r.f.id,
    inquiryId: r.f.inquiryId,
    what: r.f.what,
    dueAt: r.f.dueAt.toISOString(),
    assignee: named(r.f.assigneeId, r.assigneeName),
    doneAt: r.f.doneAt?.toISOString() ?? null,
    overdue: !r.f.doneAt && r.f.dueAt.getTime() < now.getTime(),
  };
}

export function inquiryToView(row: InquiryRow, followUps: FollowUpRow[], now: Date): InquiryView {
  const i = row.i;
  return {
    id: i.id,
    stage: i.stage,
    channel: i.channel as InquiryView['channel'],
    callerName: i.callerName,
    callerRelationship: i.callerRelationship as InquiryView['callerRelationship'],
    callerPhone: i.callerPhone,
    givenName: i.givenName,
    familyName: i.familyName,
    dateOfBirth: i.dateOfBirth,
    phone: i.phone,
    email: i.email,
    referralSource: i.referralSource as ReferralSource,
    referralDetail: i.referralDetail,
    tedsPsource: tedsPsource[i.referralSource as ReferralSource],
    substances: i.substances as InquiryView['substances'],
    urgency: i.urgency as InquiryView['urgency'],
    insuranceSummary: i.insuranceSummary,
    bestTimeToCall: i.bestTimeToCall,
    notes: i.notes,
    location: named(i.locationId, row.locationName),
    assignee: named(i.assigneeId, row.assigneeName),
    stageReason: i.stageReason,
    stageReasonText: i.stageReasonText,
    referredTo: i.referredTo,
    patientId: i.patientId,
    prescreenVerdict: i.prescreenVerdict,
    followUps: followUps.map((f) => followUpToView(f, now)),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** What a board card calls the person: their name when known, otherwise who called. */
export function displayNameOf(i: Pick<InquiryRow['i'], 'givenName' | 'familyName' | 'callerName'>): string {
  const name = [i.givenName, i.familyName].filter(Boolean).join(' ');
  if (name) return name;
  return i.callerName ? `Caller: ${i.callerName}` : 'Name not given';
}

export function inquiryToCard(row: InquiryRow, openFollowUps: FollowUpRow[], now: Date): InquiryCard {
  const next = openFollowUps[0];
  return {
    id: row.i.id,
    stage: row.i.stage,
    displayName: displayNameOf(row.i),
    urgency: row.i.urgency as InquiryCard['urgency'],
    referralSource: row.i.referralSource as ReferralSource,
    channel: row.i.channel as InquiryCard['channel'],
    prescreenVerdict: row.i.prescreenVerdict,
    assignee: named(row.i.assigneeId, row.assigneeName),
    location: named(row.i.locationId, row.locationName),
    nextFollowUp: next
      ? { id: next.f.id, what: next.f.what, dueAt: next.f.dueAt.toISOString(), overdue: next.f.dueAt.getTime() < now.getTime() }
      : null,
    overdueFollowUps: openFollowUps.filter((f) => f.f.dueAt.getTime() < now.getTime()).length,
    createdAt: row.i.createdAt.toISOString(),
    version: row.i.version,
  };
}
