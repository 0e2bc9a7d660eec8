import { z } from 'zod';

export const id = z.uuid({ message: 'must be a UUID' });

/** A calendar date as the clinic writes it, YYYY-MM-DD, validated as a real day. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));
export const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^\+?[0-9 ().-]{7,}$/, 'must be a phone number');

export const ianaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Chicago');

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const address = z.strictObject({
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  region: text(100),
  postalCode: z
    .string()
    .trim()
    .max(20)
    .regex(/^[A-Za-z0-9 -]{3,20}$/, 'must be a postal code'),
  country: z.string().trim().length(2, 'must be a 2-letter country code').default('US'),
});
export type Address = z.infer<typeof address>;

export const okResponse = z.object({ ok: z.literal(true) });
