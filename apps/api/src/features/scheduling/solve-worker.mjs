// The worker thread's entry: plain JavaScript, so a worker starts the same under `npm start`, vitest and the
// benchmark on Node 20 (whose workers ignore `--import tsx`); it loads the TypeScript solver through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./solve-worker.ts', import.meta.url);
