import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../../../.tmp');

/** Where the browser tier's global set-up leaves the seeded demo database, and the instant it was seeded at. */
export const demoTemplate = {
  dir,
  data: path.join(dir, 'e2e-demo.tar.gz'),
  meta: path.join(dir, 'e2e-demo.json'),
};
