/**
 * Removes what the benchmark created even when the benchmark cannot: a detached child that outlives a SIGKILL.
 *
 * Why: `npm run bench` runs under tsx, whose wrapper SIGKILLs the script when a Ctrl-C is not acknowledged within
 * ~60 ms — and while PGlite runs a long statement the event loop cannot acknowledge anything. The benchmark tells
 * this process what it created and what it has already cleaned up; when the IPC channel closes (the benchmark
 * exited, however it exited), whatever is still registered is removed here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export type Job = { kind: 'dir'; path: string } | { kind: 'pg'; pgCtl: string; dataDir: string; dir: string };
export type JanitorMessage = { add: number; job: Job } | { done: number };

const jobs = new Map<number, Job>();

function undo(job: Job): void {
  if (job.kind === 'pg') {
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const args = ['-D', job.dataDir, '-m', 'immediate', '-w', 'stop'];
    spawnSync(asRoot ? 'runuser' : job.pgCtl, asRoot ? ['-u', 'postgres', '--', job.pgCtl, ...args] : args, { stdio: 'ignore' });
    fs.rmSync(job.dir, { recursive: true, force: true });
  } else {
    fs.rmSync(job.path, { recursive: true, force: true });
  }
}

if (process.send) {
  process.on('message', (msg: JanitorMessage) => {
    if ('add' in msg) jobs.set(msg.add, msg.job);
    else jobs.delete(msg.done);
  });
  process.on('disconnect', () => {
    for (const job of [...jobs.values()].reverse()) {
      try {
        undo(job);
      } catch {
        // Best effort: nobody is left to tell.
      }
    }
    process.exit(0);
  });
}
