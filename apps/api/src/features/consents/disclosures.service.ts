import {
  accountingStart,
  consentScopeSummary,
  currentRedisclosureNotice,
  DomainError,
  localDate,
  mayDisclose,
  noticeText,
  refusalMessages,
  roles,
  type AccountingQuery,
  type DisclosureCreate,
  type DisclosureRefusal,
  type DisclosureView,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { getStaffMember } from '../admin/users.service';
import { loadConsent, loadPatient } from './consents.service';
import * as repo from './consents.repo';
import { factsOf, toDisclosureView } from './consents.views';

const refusalPath: Record<DisclosureRefusal, string> = {
  not_part2: 'consentId',
  not_signed: 'consentId',
  revoked: 'consentId',
  expired: 'consentId',
  recipient_not_covered: 'recipient',
  purpose_not_covered: 'purpose',
  information_not_covered: 'informationCategories',
};

/**
 * Records a disclosure made under a Part 2 consent. `mayDisclose` decides on the consent as it stands at this
 * moment (the row is locked, so a revocation committing at the same time is either seen or waits), which is what
 * makes a revocation effective everywhere at once. The §2.32 notice and the consent's scope are copied onto the
 * disclosure, so the record shows exactly what went with it.
 */
export async function recordDisclosure(ctx: Ctx, patientId: string, input: DisclosureCreate): Promise<DisclosureView> {
  assertCan(ctx.actor, 'disclosure.record');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    await repo.lockConsent(tx, ctx.actor.organizationId, patientId, input.consentId);
    const consent = await loadConsent(tx, ctx, patientId, input.consentId);
    if (input.disclosedOn > today)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'disclosedOn', message: 'cannot be in the future' }]);
    const disclosedById = input.disclosedById ?? ctx.actor.userId;
    if (input.disclosedById) await getStaffMember(tx, ctx, input.disclosedById, 'disclosedById', [...roles]);
    const now = ctx.clock.now();
    const facts = factsOf(consent, patient);
    const decision = mayDisclose(facts, {
      recipient: { name: input.recipient.name, class: input.recipient.class ?? null },
      purpose: input.purpose,
      information: input.informationCategories,
      at: now,
      today,
    });
    if (!decision.allowed) {
      throw new DomainError(
        'DISCLOSURE_REFUSED',
        refusalMessages[decision.reason],
        [{ path: refusalPath[decision.reason], message: refusalMessages[decision.reason] }],
        { reason: decision.reason },
      );
    }
    const signedOn = facts.signedAt ? localDate(facts.signedAt, patient.locationTimeZone) : today;
    if (input.disclosedOn < signedOn)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'disclosedOn', message: 'is before the consent was signed' }]);
    const notice = currentRedisclosureNotice;
    const id = await repo.insertDisclosure(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      consentId: input.consentId,
      recipientName: input.recipient.name,
      recipientClass: input.recipient.class ?? null,
      disclosedOn: input.disclosedOn,
      informationCategories: input.informationCategories,
      informationDescription: input.informationDescription,
      purpose: input.purpose,
      disclosedById,
      recordedById: ctx.actor.userId,
      noticeVersion: notice.version,
      noticeForm: input.noticeForm,
      noticeText: noticeText(notice, input.noticeForm),
      consentScope: consentScopeSummary(facts, signedOn),
      recordedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'disclosure.record',
      resourceType: 'disclosure',
      resourceId: id,
      patientId,
      breakGlass,
      details: {
        consentId: input.consentId,
        purpose: input.purpose,
        categories: input.informationCategories.length,
        noticeVersion: notice.version,
      },
    });
    const created = await repo.findDisclosure(tx, ctx.actor.organizationId, patientId, id);
    if (!created) throw new Error('disclosure vanished inside its own transaction');
    return toDisclosureView(created);
  });
}

/** The accounting of disclosures (§2.25): date, recipient, description and purpose, three years back by default. */
export async function accountDisclosures(ctx: Ctx, patientId: string, q: AccountingQuery) {
  assertCan(ctx.actor, 'disclosure.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const to = q.to ?? today;
    const from = q.from ?? accountingStart(to);
    if (from > to) throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'from', message: 'must be on or before "to"' }]);
    const rows = await repo.listDisclosures(tx, ctx.actor.organizationId, patientId, { from, to });
    await recordAudit(tx, ctx, {
      action: 'disclosure.list',
      resourceType: 'disclosure',
      patientId,
      breakGlass,
      details: { count: rows.length, from, to },
    });
    return { from, to, items: rows.map(toDisclosureView) };
  });
}
