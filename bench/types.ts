/** Shapes shared by the benchmark's parts (the orchestrator, the load-generator child and the report). */

export type Backend = 'pglite' | 'postgres';

/** What the load-generator child is asked to do: one autocannon run against one scenario. */
export interface LoadSpec {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Request paths to rotate through; each connection starts at a different offset. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

/** Latency summary (milliseconds) and throughput of one measured window. */
export interface Measurement {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Completed operations per second inside the measured window. */
  rps: number;
  /** Operations completed inside the measured window. */
  count: number;
  /** Responses outside 200–299 inside the window (HTTP), or thrown errors (in-process). */
  non2xx: number;
  /** Connection errors and timeouts (HTTP only). */
  errors: number;
  /** Status code → count, for every response of the run including the warm-up. */
  statuses: Record<string, number>;
  /**
   * CPU time (user + system, all threads) this process — the server, and PGlite when it is the backend — spent per
   * operation over the whole run, warm-up included. PostgreSQL's own processes are not in it.
   */
  cpuMsPerOp?: number;
  /** Operations of the whole run, warm-up included (the denominator of the CPU columns). */
  ops?: number;
  /**
   * PostgreSQL only: CPU time (user + system) all the cluster's processes spent per operation over the whole run,
   * read from /proc. Unlike latency and req/s it barely moves with other work on the machine.
   */
  dbCpuMsPerOp?: number;
}

export interface Row {
  backend: Backend;
  scenario: string;
  clients: number;
  m: Measurement;
}

/** Exact nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Collects (completion time, latency, ok) samples and summarises those that completed inside [from, to). */
export class Samples {
  private done: number[] = [];
  private lat: number[] = [];
  private ok: boolean[] = [];

  add(doneAtMs: number, latencyMs: number, ok: boolean): void {
    this.done.push(doneAtMs);
    this.lat.push(latencyMs);
    this.ok.push(ok);
  }

  summarise(fromMs: number, toMs: number, extra: { errors: number; statuses: Record<string, number> }): Measurement {
    const inWindow: number[] = [];
    let non2xx = 0;
    for (let i = 0; i < this.done.length; i += 1) {
      const t = this.done[i] ?? 0;
      if (t < fromMs || t >= toMs) continue;
      if (this.ok[i]) inWindow.push(this.lat[i] ?? 0);
      else non2xx += 1;
    }
    const sorted = Float64Array.from(inWindow).sort();
    const count = sorted.length + non2xx;
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
      rps: count / ((toMs - fromMs) / 1000),
      count,
      non2xx,
      errors: extra.errors,
      statuses: extra.statuses,
    };
  }
}
