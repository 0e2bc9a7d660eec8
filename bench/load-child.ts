/**
 * The load generator, run as a child process (see load.ts) so that autocannon does not share the server's event
 * loop: on a 2-core machine the server gets one core and the load generator the other.
 *
 * Receives one LoadSpec over IPC, runs autocannon for warm-up + duration seconds, records every response's latency
 * itself (autocannon reports p97.5, not p95) and answers with the summary of the responses that completed after
 * the warm-up.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Samples, type LoadSpec, type Measurement } from './types';

async function run(spec: LoadSpec): Promise<Measurement> {
  const samples = new Samples();
  const statuses: Record<string, number> = {};
  let offset = 0;
  const perClient = (paths: string[]): autocannon.Request[] => {
    // Each connection walks the list from its own starting point, so 20 clients do not ask for the same rows in step.
    const start = Math.floor((offset * paths.length) / Math.max(1, spec.connections)) % Math.max(1, paths.length);
    offset += 1;
    return [...paths.slice(start), ...paths.slice(0, start)].map((path) => ({ method: 'GET', path }));
  };
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        duration: spec.warmupSec + spec.durationSec,
        headers: spec.headers,
        requests: spec.paths.map((path) => ({ method: 'GET', path })),
        setupClient: (client) => client.setRequests(perClient(spec.paths)),
        timeout: 10,
      },
      (err: unknown, r) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(r)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      samples.add(performance.now(), responseTime, statusCode >= 200 && statusCode < 300);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  const from = t0 + spec.warmupSec * 1000;
  return samples.summarise(from, from + spec.durationSec * 1000, { errors: result.errors + result.timeouts, statuses });
}

// If the benchmark goes away, so does its load.
process.once('disconnect', () => process.exit(1));

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (m) => process.send?.({ ok: true, m }, () => process.exit(0)),
    (err: unknown) =>
      process.send?.({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
  );
});
