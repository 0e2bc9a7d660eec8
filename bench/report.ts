import type { Backend, Measurement, Row } from './types';

export const SCENARIOS = {
  bare: 'bare route',
  session: 'app + session',
  search: 'search',
  chart: 'chart open',
  record: 'patient read',
  svcSearch: 'svc search',
  svcChart: 'svc chart',
  rawSearch: 'raw SQL search',
  rawChart: 'raw SQL chart',
} as const;

const P95_TARGET_MS = 25;
/** The issue states its targets at 20 concurrent clients. */
export const TARGET_CLIENTS = 20;
const CHART_SHARE_TARGET = 0.5;

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '—');
const cpu = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');

const HEAD = [
  'backend',
  'scenario',
  'clients',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'req/s',
  'cpu ms/op',
  'db cpu ms/op',
  'n',
  'non-2xx',
  'errors',
];
const cells = (r: Row): string[] => [
  r.backend,
  r.scenario,
  String(r.clients),
  ms(r.m.p50),
  ms(r.m.p95),
  ms(r.m.p99),
  int(r.m.rps),
  cpu(r.m.cpuMsPerOp),
  cpu(r.m.dbCpuMsPerOp),
  int(r.m.count),
  int(r.m.non2xx),
  int(r.m.errors),
];
const numeric = (i: number) => i >= 2;

export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (numeric(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  const out: string[] = [line(HEAD)];
  let prev: Backend | undefined;
  for (const r of rows) {
    if (prev && prev !== r.backend) out.push('');
    prev = r.backend;
    out.push(line(cells(r)));
  }
  return out.join('\n');
}

export function markdownTable(rows: Row[]): string {
  const align = HEAD.map((_, i) => (numeric(i) ? '---:' : '---'));
  return [HEAD, align, ...rows.map(cells)].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const find = (rows: Row[], backend: Backend, scenario: string, clients: number): Measurement | undefined =>
  rows.find((r) => r.backend === backend && r.scenario === scenario && r.clients === clients)?.m;

export interface Verdict {
  met: boolean | undefined;
  text: string;
}

/** The issue's targets: p95 < 25 ms at 20 clients on PostgreSQL; chart-open req/s ≥ half the bare route's. */
export function verdicts(rows: Row[], backends: Backend[], clients = TARGET_CLIENTS): Verdict[] {
  const out: Verdict[] = [];
  if (backends.includes('postgres')) {
    for (const scenario of [SCENARIOS.search, SCENARIOS.chart]) {
      const m = find(rows, 'postgres', scenario, clients);
      const met = m ? m.p95 < P95_TARGET_MS && m.non2xx === 0 && m.errors === 0 : undefined;
      out.push({
        met,
        text: `p95 of ${scenario} at ${clients} clients on PostgreSQL < ${P95_TARGET_MS} ms: ${m ? `${ms(m.p95)} ms` : 'not measured'}`,
      });
    }
  }
  for (const backend of backends) {
    const chart = find(rows, backend, SCENARIOS.chart, clients);
    const bare = find(rows, backend, SCENARIOS.bare, clients);
    const share = chart && bare ? chart.rps / bare.rps : undefined;
    out.push({
      met: share === undefined ? undefined : share >= CHART_SHARE_TARGET,
      text:
        `chart-open req/s ≥ ${CHART_SHARE_TARGET * 100}% of bare route's at ${clients} clients on ${backend}: ` +
        (share === undefined ? 'not measured' : `${int(chart?.rps ?? NaN)} vs ${int(bare?.rps ?? NaN)} = ${(share * 100).toFixed(1)}%`),
    });
  }
  return out;
}

/** Not targets: where chart open stands against the app's own one-query route, per backend. */
export function context(rows: Row[], clients: number, backends: Backend[]): string[] {
  return backends.flatMap((backend) => {
    const chart = find(rows, backend, SCENARIOS.chart, clients);
    const session = find(rows, backend, SCENARIOS.session, clients);
    const raw = find(rows, backend, SCENARIOS.rawChart, clients);
    if (!chart || !session) return [];
    return [
      `(info) ${backend}, ${clients} clients: chart open ${int(chart.rps)} req/s = ${((chart.rps / session.rps) * 100).toFixed(0)}% of "app + session" (${int(session.rps)})` +
        (raw ? `, ${((chart.rps / raw.rps) * 100).toFixed(0)}% of its raw SQL floor (${int(raw.rps)}/s)` : '') +
        `; server CPU ${cpu(chart.cpuMsPerOp)} ms per chart open vs ${cpu(session.cpuMsPerOp)} ms per session-only request`,
    ];
  });
}

export const verdictLine = (v: Verdict) => `${v.met === undefined ? 'N/A    ' : v.met ? 'MET    ' : 'NOT MET'}  ${v.text}`;

export const ROW_MEANINGS = [
  `bare route      — a separate minimal Fastify, GET /bare → {ok:true}: the framework's ceiling on this machine.`,
  `app + session   — the real app (all plugins and hooks) on a route that only resolves the session cookie (1 query).`,
  `search          — GET /api/v1/patients?q=…&limit=25 over HTTP, rotating a mix of names, prefixes, MRNs and dates of birth.`,
  `chart open      — GET /api/v1/patients/:id/chart over HTTP, rotating over patients the user may see.`,
  `patient read    — GET /api/v1/patients/:id (the record behind the chart's edit form, with its ETag) over HTTP, same patients.`,
  `svc search/chart — the feature's service function called in-process: transaction + query + audit hash chain, no HTTP.`,
  `raw SQL …       — the same patient query through the repo function and scope predicate, in-process: the database's floor.`,
  `cpu ms/op       — CPU time of the benchmark process (servers, and PGlite when it is the backend) per operation, warm-up included; PostgreSQL's processes are not counted.`,
];
