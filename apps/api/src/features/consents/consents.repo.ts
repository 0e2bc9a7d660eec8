import { aliasedTable, and, asc, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { consents, disclosures, users } from '../../db/schema/index';

const witness = aliasedTable(users, 'witness');
const revoker = aliasedTable(users, 'revoker');

const consentColumns = {
  row: consents,
  witnessName: witness.name,
  revokerName: revoker.name,
};

export type ConsentRow = typeof consents.$inferSelect;
export interface ConsentRecord {
  row: ConsentRow;
  witnessName: string | null;
  revokerName: string | null;
}

function consentQuery(db: Db) {
  return db
    .select(consentColumns)
    .from(consents)
    .leftJoin(witness, eq(witness.id, consents.witnessId))
    .leftJoin(revoker, eq(revoker.id, consents.revokedById));
}

export async function listConsents(db: Db, organizationId: string, patientId: string): Promise<ConsentRecord[]> {
  return consentQuery(db)
    .where(and(eq(consents.organizationId, organizationId), eq(consents.patientId, patientId)))
    .orderBy(desc(consents.createdAt), desc(consents.id));
}

export async function findConsent(db: Db, organizationId: string, patientId: string, id: string): Promise<ConsentRecord | undefined> {
  const [r] = await consentQuery(db).where(
    and(eq(consents.organizationId, organizationId), eq(consents.patientId, patientId), eq(consents.id, id)),
  );
  return r;
}

export async function insertConsent(db: Db, values: typeof consents.$inferInsert): Promise<string> {
  const [row] = await db.insert(consents).values(values).returning({ id: consents.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/**
 * Compare-and-set on the version. `unsignedOnly` adds `signed_at is null` to the condition, so a draft edit or a
 * signature racing another signature can never overwrite a signed consent.
 */
export async function updateConsent(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof consents.$inferInsert>,
  opts: { unsignedOnly?: boolean; unrevokedOnly?: boolean } = {},
): Promise<boolean> {
  const rows = await db
    .update(consents)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(consents.organizationId, organizationId),
        eq(consents.id, id),
        eq(consents.version, version),
        opts.unsignedOnly ? isNull(consents.signedAt) : undefined,
        opts.unrevokedOnly ? isNull(consents.revokedAt) : undefined,
      ),
    )
    .returning({ id: consents.id });
  return rows.length === 1;
}

/** Locks one consent row until the transaction ends, so a disclosure and a revocation cannot interleave. */
export async function lockConsent(db: Db, organizationId: string, patientId: string, id: string): Promise<void> {
  await db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.organizationId, organizationId), eq(consents.patientId, patientId), eq(consents.id, id)))
    .for('update');
}

const discloser = aliasedTable(users, 'discloser');

export type DisclosureRecord = { row: typeof disclosures.$inferSelect; disclosedByName: string };

function disclosureQuery(db: Db) {
  return db
    .select({ row: disclosures, disclosedByName: discloser.name })
    .from(disclosures)
    .innerJoin(discloser, eq(discloser.id, disclosures.disclosedById));
}

export async function insertDisclosure(db: Db, values: typeof disclosures.$inferInsert): Promise<string> {
  const [row] = await db.insert(disclosures).values(values).returning({ id: disclosures.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findDisclosure(db: Db, organizationId: string, patientId: string, id: string): Promise<DisclosureRecord | undefined> {
  const [r] = await disclosureQuery(db).where(
    and(eq(disclosures.organizationId, organizationId), eq(disclosures.patientId, patientId), eq(disclosures.id, id)),
  );
  return r;
}

/** The accounting of disclosures: every disclosure for the patient between two clinic-local dates, newest first. */
export async function listDisclosures(
  db: Db,
  organizationId: string,
  patientId: string,
  range: { from: string; to: string; consentId?: string },
): Promise<DisclosureRecord[]> {
  return disclosureQuery(db)
    .where(
      and(
        eq(disclosures.organizationId, organizationId),
        eq(disclosures.patientId, patientId),
        gte(disclosures.disclosedOn, range.from),
        lte(disclosures.disclosedOn, range.to),
        range.consentId ? eq(disclosures.consentId, range.consentId) : undefined,
      ),
    )
    .orderBy(desc(disclosures.disclosedOn), asc(disclosures.recordedAt), asc(disclosures.id));
}
