/**
 * `--profile`: where the time of an HTTP row goes. A CPU profile of this process (the servers; PGlite too when it
 * is the backend) taken with the inspector while the row runs, summarised as the functions and packages with the
 * most self time, and written out as a `.cpuprofile` (Chrome DevTools, speedscope). On PostgreSQL also what the
 * database's backends were doing: pg_stat_activity sampled every few milliseconds, counted by wait event, so a
 * queue on a lock (the audit chain's head, say) shows as `Lock:transactionid` or `Lock:tuple` samples.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts the CPU profiler; the returned function stops it, writes `file` and returns a short summary. */
export async function startCpuProfile(file: string): Promise<() => Promise<string[]>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    return summarise(profile);
  };
}

const where = (url: string): string => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node';
  if (!url) return '(native)';
  const m = /\/(apps|packages|bench)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
};

function summarise(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
      fns.set(name, (fns.get(name) ?? 0) + us);
      if (name !== '(idle)') total += us;
      continue;
    }
    total += us;
    const file = where(n.callFrame.url);
    const fn = `${name} (${file}:${n.callFrame.lineNumber + 1})`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    const pkg = file.includes('/') && !file.startsWith('@') ? file.split('/').slice(0, 2).join('/') : file;
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / Math.max(total, 1)).toFixed(1)}%`;
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${pct(us).padStart(6)}  ${name}`);
  return [
    `busy ${(total / 1000).toFixed(0)} ms of samples; by package/file:`,
    ...top(pkgs, 12),
    'top functions by self time:',
    ...top(fns, 25),
  ];
}

/** Samples what PostgreSQL's client backends are doing until the returned function is called. */
export function sampleWaits(url: string, everyMs = 5): () => Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ w: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU') as w from pg_stat_activity
         where backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`,
      );
      samples += 1;
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await loop;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return [
      `PostgreSQL backends over ${samples} samples: ${(total / Math.max(samples, 1)).toFixed(1)} active on average; by wait event:`,
      ...[...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([w, n]) => `${((100 * n) / Math.max(total, 1)).toFixed(1).padStart(5)}%  ${w}`),
    ];
  };
}
