import type { LevelOfCare, Role } from '@openiop/core';
import type { Db } from '../db/database';
import {
  caseloadAssignments,
  consents,
  disclosures,
  episodes,
  locations,
  organizations,
  patients,
  userLocations,
  users,
} from '../db/schema/index';
import { appendAudit, startAuditChain } from '../platform/audit';
import { hashPassword } from '../features/auth/passwords';
import { seedIntakeDemo } from './demo-intake';
import { pickShowcase, seedMeasuresDemo } from './demo-measures';
import { seedPlanDemo } from './demo-plans';
import { seedInstrumentDemo, type DemoPatient } from './demo-instruments';
import { familyNames, givenFemale, givenMale, givenNeutral, relationships, streets } from './names';
import { Rng } from './random';
import { demoConsents } from './demo-consents';
import { seedRecordDemo } from './demo-record';
import { DEMO_HELP_SLUG, seedInquiries } from './demo-inquiries';
import { seedSchedulingDemo, type SchedulingDemoPatient } from './demo-scheduling';
import { seedDrugTestDemo } from './demo-drug-tests';
import { seedSessionsDemo, type HeldDemoSession } from './demo-sessions';
import { seedNotesDemo } from './demo-notes';

export const DEMO_PASSWORD = 'openiop-demo';
export const DEMO_DOMAIN = 'demo.openiop.test';

export interface DemoOptions {
  patients: number;
  seed?: number;
  /** E-mail domain of the demo staff; a second demo organization in one database needs its own. */
  domain?: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  organizationId: string;
  signIns: { role: Role; email: string }[];
  patients: number;
  /** The sessions the demo held (over, with attendance), for the notes and drug-testing demos. */
  heldSessions: HeldDemoSession[];
}

const LOCATIONS = [
  {
    name: 'Riverbend Portland',
    timeZone: 'America/Los_Angeles',
    city: 'Portland',
    region: 'OR',
    postal: '97214',
    phone: '+1 503 555 0142',
  },
  { name: 'Riverbend Denver', timeZone: 'America/Denver', city: 'Denver', region: 'CO', postal: '80205', phone: '+1 303 555 0187' },
];
/** The demo clinics' time zones. */
export const DEMO_TIME_ZONES: readonly string[] = LOCATIONS.map((l) => l.timeZone);

interface StaffSpec {
  name: string;
  local: string;
  roles: Role[];
  locations: number[];
  credential?: string;
}

const STAFF: StaffSpec[] = [
  { name: 'Morgan Reyes', local: 'admin', roles: ['admin'], locations: [0, 1] },
  { name: 'Dana Whitfield', local: 'director', roles: ['director'], locations: [0, 1], credential: 'LCSW' },
  { name: 'Sam Okafor', local: 'clinician', roles: ['clinician'], locations: [0], credential: 'LPC' },
  { name: 'Priya Raman', local: 'priya.raman', roles: ['clinician'], locations: [0], credential: 'LCSW' },
  { name: 'Luis Ortega', local: 'luis.ortega', roles: ['clinician'], locations: [1], credential: 'LAC' },
  { name: 'Grace Liu', local: 'grace.liu', roles: ['clinician'], locations: [1], credential: 'LMFT' },
  { name: 'Dr. Helen Park', local: 'medical', roles: ['medical'], locations: [0, 1], credential: 'MD' },
  { name: 'Tom Becker', local: 'tom.becker', roles: ['medical'], locations: [1], credential: 'RN' },
  { name: 'Alicia Moreno', local: 'admissions', roles: ['admissions'], locations: [0, 1] },
  { name: 'Kevin Brandt', local: 'billing', roles: ['billing'], locations: [0, 1] },
  { name: 'Jamie Fox', local: 'peer', roles: ['peer'], locations: [0], credential: 'CPRS' },
  { name: 'Rosa Jimenez', local: 'rosa.jimenez', roles: ['peer'], locations: [1], credential: 'CPRS' },
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** Builds a believable synthetic IOP in one organization. Same seed and `now` → same program. */
export async function seedDemo(db: Db, opts: DemoOptions): Promise<DemoResult> {
  const rng = new Rng(opts.seed ?? 20261122);
  const domain = opts.domain ?? DEMO_DOMAIN;
  const now = opts.now;
  const organizationId = rng.uuid();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  let heldSessions: HeldDemoSession[] = [];
  await db.transaction(async (txRaw) => {
    const tx = txRaw as Db;
    await tx
      .insert(organizations)
      .values({ id: organizationId, name: 'Riverbend Recovery (demo)', isDemo: true, createdAt: now, updatedAt: now });
    await startAuditChain(tx, organizationId);
    const locationIds = LOCATIONS.map(() => rng.uuid());
    await tx.insert(locations).values(
      LOCATIONS.map((l, i) => ({
        id: locationIds[i],
        organizationId,
        name: l.name,
        timeZone: l.timeZone,
        address: {
          line1: `${100 + i * 211} ${streets[i] ?? 'Main St'}`,
          line2: 'Suite 200',
          city: l.city,
          region: l.region,
          postalCode: l.postal,
          country: 'US',
        },
        phone: l.phone,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const staff = STAFF.map((s) => ({ ...s, id: rng.uuid(), email: `${s.local}@${domain}` }));
    await tx.insert(users).values(
      staff.map((s) => ({
        id: s.id,
        organizationId,
        email: s.email,
        name: s.name,
        passwordHash,
        roles: s.roles,
        phone: `+1 555 010 ${pad(rng.int(0, 99), 2)}${pad(rng.int(0, 99), 2)}`,
        credentials: s.credential
          ? [
              {
                kind: s.credential,
                number: `${s.credential}-${rng.int(10000, 99999)}`,
                state: s.locations[0] === 1 ? 'CO' : 'OR',
                expiresOn: isoDay(addDays(now, rng.int(60, 900))),
              },
            ]
          : [],
        createdAt: now,
        updatedAt: now,
      })),
    );
    await tx
      .insert(userLocations)
      .values(staff.flatMap((s) => s.locations.map((li) => ({ organizationId, userId: s.id, locationId: locationIds[li] as string }))));
    const cliniciansAt = (li: number) => staff.filter((s) => s.roles.includes('clinician') && s.locations.includes(li));

    const measured: DemoPatient[] = [];
    const active: DemoPatient[] = [];
    const scheduled: SchedulingDemoPatient[] = [];
    const batch = 500;
    for (let start = 0; start < opts.patients; start += batch) {
      const pRows: (typeof patients.$inferInsert)[] = [];
      const eRows: (typeof episodes.$inferInsert)[] = [];
      const cRows: (typeof caseloadAssignments.$inferInsert)[] = [];
      for (let i = start; i < Math.min(opts.patients, start + batch); i += 1) {
        const sex = rng.chance(0.5) ? 'female' : 'male';
        const nonBinary = rng.chance(0.04);
        const given = nonBinary ? rng.pick(givenNeutral) : rng.pick(sex === 'female' ? givenFemale : givenMale);
        const family = rng.pick(familyNames);
        const li = rng.chance(0.55) ? 0 : 1;
        const id = rng.uuid();
        const stage = rng.next();
        const careStatus = stage < 0.15 ? 'pre_admission' : stage < 0.8 ? 'active' : 'discharged';
        const dob = `${rng.int(1962, 2007)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
        let currentEpisodeId: string | null = null;
        if (careStatus !== 'pre_admission' || rng.chance(0.4)) {
          currentEpisodeId = rng.uuid();
          const clinician = rng.pick(cliniciansAt(li));
          const level: LevelOfCare = careStatus === 'pre_admission' ? '2.1' : rng.pick(['2.1', '2.1', '2.1', '2.1', '2.5', '1.0'] as const);
          const admitted =
            careStatus === 'pre_admission'
              ? null
              : addDays(now, -rng.int(careStatus === 'active' ? 3 : 70, careStatus === 'active' ? 75 : 400));
          eRows.push({
            id: currentEpisodeId,
            organizationId,
            patientId: id,
            status: careStatus === 'pre_admission' ? 'pending' : careStatus,
            levelOfCare: level,
            locationId: locationIds[li] as string,
            primaryClinicianId: clinician.id,
            admittedOn: admitted ? isoDay(admitted) : null,
            dischargedOn: careStatus === 'discharged' && admitted ? isoDay(addDays(admitted, rng.int(42, 90))) : null,
            plannedWeeks: rng.pick([8, 10, 12]),
            createdAt: admitted ?? now,
            updatedAt: now,
          });
          if (careStatus === 'active') {
            cRows.push({ organizationId, patientId: id, userId: clinician.id, assignedAt: admitted ?? now });
            if (admitted) {
              const m = { id, episodeId: currentEpisodeId, clinicianId: clinician.id, sex, admittedAt: admitted };
              measured.push(m);
              if (careStatus === 'active') active.push(m);
              scheduled.push({ id, locationIndex: li, levelOfCare: level, admittedOn: isoDay(admitted) });
            }
            const peer = staff.find((s) => s.roles.includes('peer') && s.locations.includes(li));
            if (peer && rng.chance(0.5)) cRows.push({ organizationId, patientId: id, userId: peer.id, assignedAt: admitted ?? now });
          }
        }
        const city = LOCATIONS[li] ?? LOCATIONS[0];
        pRows.push({
          id,
          organizationId,
          mrn: `IOP-${100001 + i}`,
          legalGivenName: given,
          legalFamilyName: family,
          preferredName: rng.chance(0.12) ? rng.pick(givenNeutral) : null,
          pronouns: nonBinary ? 'they/them' : sex === 'female' ? 'she/her' : 'he/him',
          dateOfBirth: dob,
          sexAssignedAtBirth: sex,
          genderIdentity: nonBinary ? 'Non-binary' : sex === 'female' ? 'Woman' : 'Man',
          preferredLanguage: rng.chance(0.12) ? 'es' : 'en',
          phone: `+1 555 01${pad(rng.int(0, 99))} ${pad(rng.int(0, 99))}${pad(rng.int(0, 99))}`,
          email: rng.chance(0.8) ? `${given}.${family}${rng.int(1, 99)}@example.test`.toLowerCase() : null,
          address: {
            line1: `${rng.int(100, 9999)} ${rng.pick(streets)}`,
            line2: null,
            city: city?.city ?? 'Portland',
            region: city?.region ?? 'OR',
            postalCode: city?.postal ?? '97214',
            country: 'US',
          },
          emergencyContact: {
            name: `${rng.pick([...givenFemale, ...givenMale])} ${family}`,
            relationship: rng.pick(relationships),
            phone: `+1 555 01${pad(rng.int(0, 99))} ${pad(rng.int(0, 99))}${pad(rng.int(0, 99))}`,
          },
          locationId: locationIds[li] as string,
          careStatus,
          currentEpisodeId,
          createdAt: now,
          updatedAt: now,
        });
      }
      await tx.insert(patients).values(pRows);
      if (eRows.length) await tx.insert(episodes).values(eRows);
      if (cRows.length) await tx.insert(caseloadAssignments).values(cRows);
      const signed = demoConsents({
        seed: opts.seed ?? 20261122,
        organizationId,
        programName: 'Riverbend Recovery (demo)',
        patients: pRows,
        episodes: eRows,
        witnesses: { admissions: staff.find((s) => s.roles.includes('admissions'))?.id ?? '', fallback: staff[1]?.id ?? '' },
        offset: start,
      });
      if (signed.consents.length) await tx.insert(consents).values(signed.consents);
      if (signed.disclosures.length) await tx.insert(disclosures).values(signed.disclosures);
      if (start === 0)
        await seedIntakeDemo(tx, {
          organizationId,
          now,
          episodes: eRows,
          medicalId: staff.find((s) => s.roles.includes('medical'))?.id ?? '',
          seed: opts.seed ?? 20261122,
        });
      if (start === 0)
        await seedPlanDemo(tx, {
          organizationId,
          now,
          episodes: eRows,
          seed: opts.seed ?? 20261122,
          fallbackClinician: staff.find((s) => s.local === 'clinician')?.id ?? (staff[0]?.id as string),
          names: new Map([
            ...staff.map((s) => [s.id, s.name] as [string, string]),
            ...pRows.map((p) => [p.id as string, `${p.legalGivenName} ${p.legalFamilyName}`] as [string, string]),
          ]),
        });
      opts.onProgress?.(Math.min(opts.patients, start + batch), opts.patients);
    }
    const signInClinician = staff.find((s) => s.local === 'clinician')?.id ?? null;
    const showcase = pickShowcase(active, signInClinician, now);
    await seedInstrumentDemo(tx, organizationId, {
      seed: opts.seed ?? 20261122,
      now,
      patients: measured.filter((m) => m !== showcase),
      flagFor: signInClinician,
    });
    await seedRecordDemo(tx, {
      organizationId,
      seed: opts.seed ?? 20261122,
      now,
      patients: measured,
      prescriberId: staff.find((s) => s.roles.includes('medical'))?.id ?? (staff[0]?.id as string),
    });
    await seedMeasuresDemo(tx, organizationId, { seed: opts.seed ?? 20261122, now, active, showcase });
    await seedSchedulingDemo(tx, {
      organizationId,
      seed: opts.seed ?? 20261122,
      now,
      locations: LOCATIONS.map((l, i) => ({ id: locationIds[i] as string, timeZone: l.timeZone })),
      staff,
      patients: scheduled,
    });
    await seedDrugTestDemo(tx, {
      organizationId,
      seed: opts.seed ?? 20261122,
      now,
      locations: LOCATIONS.map((l, i) => ({
        id: locationIds[i] as string,
        timeZone: l.timeZone,
        collectorId: staff.find((s) => s.roles.includes('peer') && s.locations.includes(i))?.id ?? (staff[0]?.id as string),
      })),
      reviewerId: staff.find((s) => s.local === 'clinician')?.id ?? (staff[0]?.id as string),
    });
    heldSessions = await seedSessionsDemo(tx, {
      organizationId,
      seed: opts.seed ?? 20261122,
      now,
      locations: LOCATIONS.map((l, i) => ({ id: locationIds[i] as string, timeZone: l.timeZone })),
    });
    await seedNotesDemo(tx, { organizationId, now, seed: opts.seed ?? 20261122 }, heldSessions);
    await seedInquiries(tx, {
      organizationId,
      // A second demo organization in the same database gets its own page address.
      slug: domain === DEMO_DOMAIN ? DEMO_HELP_SLUG : `${DEMO_HELP_SLUG}-${organizationId.slice(0, 8)}`,
      now,
      locationIds,
      admissionsId: staff.find((s) => s.local === 'admissions')?.id ?? (staff[0]?.id as string),
      directorId: staff.find((s) => s.local === 'director')?.id ?? (staff[0]?.id as string),
      seed: (opts.seed ?? 20261122) + 3,
    });
    await appendAudit(tx, {
      organizationId,
      actorUserId: null,
      actorTokenId: null,
      occurredAt: now,
      ip: null,
      userAgent: null,
      action: 'demo.seed',
      resourceType: 'organization',
      resourceId: organizationId,
      details: { patients: opts.patients },
    });
  });

  const signIns = (['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'] as const).map((role) => ({
    role,
    email: `${role}@${domain}`,
  }));
  return { organizationId, signIns, patients: opts.patients, heldSessions };
}
