/**
 * `--explain` (PostgreSQL): lists every statement one search and one chart open send (their round trips), and
 * EXPLAIN ANALYZEs each inside a rolled-back transaction, so a slow query or a missing index shows by name.
 */
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/api/src/db/database';
import * as schema from '../apps/api/src/db/schema/index';
import { findSessionByHash } from '../apps/api/src/features/auth/auth.repo';
import { getRow, listRows } from '../apps/api/src/features/patients/patients.repo';
import { scopePredicates } from '../apps/api/src/features/patients/patients.scope';
import { listPatients } from '../apps/api/src/features/patients/patients.service';
import { openChart } from '../apps/api/src/features/patients/chart.service';
import type { Ctx } from '../apps/api/src/platform/context';
import { searchFilter } from './floor';
import { percentile } from './types';

interface Captured {
  query: string;
  params: unknown[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function explainProfile(
  url: string,
  ctx: Ctx,
  queries: string[],
  chartIds: string[],
  sessionTokenHash: string,
): Promise<{ summary: string[]; detail: string }> {
  // auto_explain sends the plan of every statement as it really ran (writes included) back to this client as a NOTICE.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let plans: string[] = [];
  pool.on('connect', (client) => {
    client.on('notice', (n) => void plans.push(n.message ?? ''));
  });
  const out: string[] = [];
  try {
    const setup = await pool.connect();
    try {
      for (const q of [
        `load 'auto_explain'`,
        `set auto_explain.log_min_duration = 0`,
        `set auto_explain.log_analyze = on`,
        `set auto_explain.log_buffers = on`,
        `set auto_explain.log_level = notice`,
        `set client_min_messages = notice`,
      ]) {
        await setup.query(q);
      }
    } finally {
      setup.release();
    }
    let captured: Captured[] = [];
    const db = drizzle(pool, { schema, logger: { logQuery: (query, params) => void captured.push({ query, params }) } }) as unknown as Db;
    const lctx: Ctx = { ...ctx, db };
    const chartId = chartIds[0] ?? '';
    const visible = () => scopePredicates(ctx.actor, new Date());
    const flows: { name: string; search?: string; run: () => Promise<unknown> }[] = [
      { name: 'session lookup (every API request, in the auth hook)', run: () => findSessionByHash(db, sessionTokenHash) },
      ...queries.map((q, i) => ({
        name: `search #${i} q=${JSON.stringify(q)} — raw query`,
        search: q,
        run: () => listRows(db, ctx.actor.organizationId, visible().visible, searchFilter(q), undefined),
      })),
      { name: 'search — whole service call (transaction + audit)', run: () => listPatients(lctx, searchFilter(queries[0] ?? 'gar')) },
      { name: 'chart — raw patient query', run: () => getRow(db, ctx.actor.organizationId, chartId, visible().inScope, visible().visible) },
      { name: 'chart open — whole service call (transaction + audit)', run: () => openChart(lctx, chartId) },
    ];
    const summary: string[] = [];
    const searches: { q: string; ms: number }[] = [];
    for (const flow of flows) {
      captured = [];
      plans = [];
      const t = performance.now();
      await flow.run();
      const wall = performance.now() - t;
      const serverMs = plans.map((p) => Number(/duration: ([\d.]+) ms/.exec(p)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
      if (flow.search !== undefined) searches.push({ q: flow.search, ms: serverMs });
      else
        summary.push(
          `${flow.name}: ${captured.length} round trip(s), ${serverMs.toFixed(2)} ms in the server's executor (wall ${wall.toFixed(1)} ms)`,
        );
      out.push(`\n=== ${flow.name}: ${captured.length} statement(s) = round trips ===`);
      for (const s of captured) out.push(`-- ${oneLine(s.query).slice(0, 800)}`);
      out.push(...plans.map((p) => p.replace(/^/gm, '   ')));
    }
    const byTime = [...searches].sort((a, b) => a.ms - b.ms);
    summary.splice(
      1,
      0,
      `search queries, raw (${searches.length}, 1 round trip each), time in the server's executor: median ${percentile(
        byTime.map((x) => x.ms),
        50,
      ).toFixed(2)} ms; slowest: ${byTime
        .slice(-6)
        .reverse()
        .map((x) => `${JSON.stringify(x.q)} ${x.ms.toFixed(1)} ms`)
        .join(', ')}`,
    );
    // What one round trip to the server costs on this machine, with nothing to do.
    await pool.query('set auto_explain.log_min_duration = -1');
    const rt: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const t = performance.now();
      await pool.query('select 1');
      rt.push(performance.now() - t);
    }
    rt.sort((a, b) => a - b);
    summary.push(
      `one round trip (select 1, 2000×, pg driver, auto_explain on): p50 ${percentile(rt, 50).toFixed(3)} ms, p95 ${percentile(rt, 95).toFixed(3)} ms`,
    );
    return { summary, detail: [...summary, ...out].join('\n') };
  } finally {
    await pool.end();
  }
}
