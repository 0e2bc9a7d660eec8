import { buildTestApp } from '../../test/harness';
import { badInputSuite } from './bad-input.suite';

// Part 2 of the bad-input fuzz (see bad-input.suite.ts): its own app and database.
const t = await buildTestApp();
await t.app.ready();
badInputSuite(t, { index: 1, of: 2 });
