import { z } from 'zod';
import { roles } from '../access/roles';
import { email, id } from './common';

export const login = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(200),
});
export const mfaVerify = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/, 'must be a 6-digit code or a recovery code'),
});
export const mfaEnrolStart = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const mfaEnrolConfirm = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit code'),
});
export const mfaEnrolled = z.object({ recoveryCodes: z.array(z.string()) });

export const passwordResetRequest = z.strictObject({ email });
export const passwordResetComplete = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(12, 'must be at least 12 characters').max(200),
});

export const me = z.object({
  user: z.object({
    id,
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(roles)),
    locationIds: z.array(id),
    mfaEnabled: z.boolean(),
  }),
  organization: z.object({ id, name: z.string() }),
  session: z.object({
    csrfToken: z.string(),
    idleTimeoutMinutes: z.number().int(),
    expiresAt: z.string(),
    mfaPending: z.boolean(),
    mfaEnrolmentRequired: z.boolean(),
  }),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

export const loginResult = z.object({
  status: z.enum(['signed-in', 'mfa-required', 'mfa-enrolment-required']),
  csrfToken: z.string(),
});
