import { createHmac } from 'node:crypto';
import { truncateDigest, windowMessage } from '@openiop/core';

/** The room's 6-digit code for one 60-second window: HMAC-SHA-256(secret, window) truncated as in RFC 6238. */
export const codeFor = (secret: string, window: number): string =>
  truncateDigest(createHmac('sha256', secret).update(windowMessage(window)).digest());
