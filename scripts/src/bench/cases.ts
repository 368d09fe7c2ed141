/**
 * Cases benchmark, on a durable local Postgres (fsync and synchronous_commit on, every other setting the
 * default) holding a seeded year (`scripts/src/seed/`, about 219,000 cases): how long the supervisors'
 * monthly report takes (target: under 300 ms) and the month's open data.
 *
 *   npm run bench:cases            (RUNS = timed runs per month, default 25; SEED, default 1999)
 *
 * Each measurement is a section: a function of the seeded database that prints its own Markdown: the monthly
 * report, Open311 `GET requests.json`, and filing through `POST requests.json` (cases/s, p95 latency).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { OPEN311_BASE } from '@sign-relay/shared';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { CaseService } from '../../../sfu-server/src/cases/CaseService.ts';
import { cityApiRouters } from '../../../sfu-server/src/http/open311/index.ts';
import { ApiKeyRepository } from '../../../sfu-server/src/store/repositories/apiKeyRepository.ts';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { createDatabase, type Database } from '../../../sfu-server/src/store/db.ts';
import { migrate } from '../../../sfu-server/src/store/migrate.ts';
import { ReportRepository } from '../../../sfu-server/src/store/repositories/reportRepository.ts';
import { writeSeed } from '../seed/writeSeed.ts';
import { defaultWindow, generateSeed, type SeedData } from '../seed/yearModel.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';
import { percentile } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 25);
const SEED = process.env.SEED ?? '1999';

/** What every section gets: the seeded database (its URL for a server of its own) and the seeded records. */
export interface CasesBenchContext {
  databaseUrl: string;
  db: Database;
  data: SeedData;
  /** The seed's whole Taipei months, `YYYY-MM`, oldest first. */
  months: string[];
}

/** One measurement: runs against the seeded database and returns its Markdown (a heading, a table, notes). */
export type CasesBenchSection = (ctx: CasesBenchContext) => Promise<string[]>;

const ms = (x: number): string => x.toFixed(1);

/**
 * The monthly report (`ReportRepository.report`, three statements in parallel) for each of the 12 months: the
 * first run of each month on a connection of its own, then RUNS timed runs per month taken in turn (so no
 * month is measured only right after itself). Also the month's open data (`openData`, about 11,000 rows).
 */
export const monthlyReport: CasesBenchSection = async ({ db, databaseUrl, data, months }) => {
  const casesIn = new Map<string, number>();
  for (const c of data.cases) casesIn.set(c.day.slice(0, 7), (casesIn.get(c.day.slice(0, 7)) ?? 0) + 1);
  const first: number[] = [];
  for (const month of months) {
    // A new pool per month: a connection that has not planned these statements yet.
    const fresh = await createDatabase({ databaseUrl, logger: createLogger('silent') });
    try {
      const t = performance.now();
      await new ReportRepository(fresh.pool).report({ period: 'month', date: month });
      first.push(performance.now() - t);
    } finally {
      await fresh.close();
    }
  }
  const reports = new ReportRepository(db.pool);
  const report = new Map<string, number[]>(months.map((m) => [m, []]));
  const openData = new Map<string, number[]>(months.map((m) => [m, []]));
  const rows = new Map<string, number>();
  for (let run = 0; run < RUNS; run++) {
    for (const month of months) {
      let t = performance.now();
      await reports.report({ period: 'month', date: month });
      report.get(month)!.push(performance.now() - t);
      t = performance.now();
      rows.set(month, (await reports.openData(month)).length);
      openData.get(month)!.push(performance.now() - t);
    }
  }
  const all = [...report.values()].flat();
  const allOpen = [...openData.values()].flat();
  return [
    `### Monthly report, ${RUNS} runs per month`,
    '',
    '| month | cases | first run ms | report p50 ms | report p95 ms | open data rows | open data p50 ms | open data p95 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...months.map((m, i) => {
      const r = report.get(m)!;
      const o = openData.get(m)!;
      return `| ${m} | ${casesIn.get(m) ?? 0} | ${ms(first[i]!)} | ${ms(percentile(r, 50))} | ${ms(percentile(r, 95))} | ${rows.get(m)} | ${ms(percentile(o, 50))} | ${ms(percentile(o, 95))} |`;
    }),
    `| **all months** | | max ${ms(Math.max(...first))} | **${ms(percentile(all, 50))}** | **${ms(percentile(all, 95))}** | | ${ms(percentile(allOpen, 50))} | ${ms(percentile(allOpen, 95))} |`,
    '',
  ];
};

/** The city API (Open311 routers and the case service) on the seeded database, in this process, on a free port. */
async function cityApi(db: Database): Promise<{ base: string; key: string; close(): Promise<void> }> {
  const logger = createLogger('silent');
  const tokens = new TokenService({ secret: randomBytes(32).toString('hex'), accessTtlSec: 900, guestTtlSec: 900 });
  const cases = new CaseService({ pool: db.pool, notifier: { toGuest: () => undefined, toStaff: () => undefined }, logger });
  const app = express();
  app.use(...cityApiRouters({ tokens, cases, pool: db.pool, logger }).routers);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { key } = await new ApiKeyRepository(db.pool).issue({ name: 'bench', canPost: true, canUpdateStatus: false, createdBy: null });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${OPEN311_BASE}`,
    key,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `task` `total` times with `concurrency` in flight; the latency of each run, in ms, and the wall time. */
async function load(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - start };
}

const FILINGS = Number(process.env.FILINGS ?? 1000);

/**
 * Filing through the city API as a city system meets it: `POST requests.json` (a D01 pothole in Da'an with a
 * phone number, so every case also writes its receipt to the outbox), each a transaction with the day's number,
 * the case, its history, the audit entry and the outbox row, committed durably. One client at a time, then 16.
 */
export const filing: CasesBenchSection = async ({ db }) => {
  const api = await cityApi(db);
  try {
    const post = async (i: number) => {
      const body = new URLSearchParams({ api_key: api.key, service_code: 'D01', lat: '25.0268', long: '121.5434', description: `坑洞 ${i}`, 'attribute[district]': 'daan', phone: '0912-345-678' });
      const res = await fetch(`${api.base}/requests.json`, { method: 'POST', body });
      if (res.status !== 201) throw new Error(`POST requests.json: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const rows: string[] = [];
    for (const concurrency of [1, 16]) {
      const { latencies, wallMs } = await load(FILINGS, concurrency, post);
      rows.push(`| ${concurrency} | ${FILINGS} | ${((FILINGS * 1000) / wallMs).toFixed(0)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(Math.max(...latencies))} |`);
    }
    return [
      `### Filing: Open311 POST requests.json, ${FILINGS} cases per row`,
      '',
      '| clients at once | cases | cases/s | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ];
  } finally {
    await api.close();
  }
};

/** Open311 `GET requests.json` over the seeded year: the default 90-day window (1,000 newest), and with filters. */
export const open311Requests: CasesBenchSection = async ({ db }) => {
  const api = await cityApi(db);
  try {
    const queries: [string, string][] = [
      ['default (last 90 days, 1,000 newest)', ''],
      ['service_code=D01', '?service_code=D01'],
      ['status=closed, service_code=D06,D14', '?status=closed&service_code=D06,D14'],
    ];
    const rows: string[] = [];
    for (const [label, q] of queries) {
      let count = 0;
      const { latencies } = await load(RUNS * 4, 1, async () => {
        const res = await fetch(`${api.base}/requests.json${q}`);
        if (!res.ok) throw new Error(`GET requests.json${q}: HTTP ${res.status}`);
        count = ((await res.json()) as unknown[]).length;
      });
      rows.push(`| ${label} | ${count} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} |`);
    }
    return [`### Open311 GET requests.json, ${RUNS * 4} requests each`, '', '| query | requests returned | p50 ms | p95 ms |', '|---|---|---|---|', ...rows, ''];
  } finally {
    await api.close();
  }
};

// Filing runs last: it adds cases to the seeded year the other sections measure.
const SECTIONS: CasesBenchSection[] = [monthlyReport, open311Requests, filing];

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** `lscpu`'s model name and CPU count, or Node's view when lscpu is missing. */
function machine(): string {
  try {
    const out = execFileSync('lscpu', { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(out)?.[1]?.trim();
    return `${field('CPU\\(s\\)') ?? cpus().length} × ${field('Model name') ?? cpus()[0]?.model ?? 'cpu'}`;
  } catch {
    return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`;
  }
}

async function main(): Promise<void> {
  const pg = await startPostgres({ durable: true });
  const logger = createLogger('warn');
  const db = await createDatabase({ databaseUrl: pg.url, logger });
  try {
    await migrate(db.pool, logger);
    const now = new Date();
    const window = defaultWindow(now);
    let t = performance.now();
    const data = generateSeed({ seed: SEED, ...window, now });
    const generated = performance.now() - t;
    t = performance.now();
    const written = await writeSeed(db.pool, data);
    const seedMs = performance.now() - t;
    await db.pool.query('ANALYZE');
    // The seed's whole months: from the window's first day to the month it ends in.
    const months: string[] = [];
    for (let m = window.from.slice(0, 7); m < window.to.slice(0, 7); m = nextMonth(m)) months.push(m);
    const version = (await db.pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const settings = (await db.pool.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers')`)).rows;

    console.log(`cases, ${now.toISOString()}, ${machine()}, node ${process.version}, Postgres ${version} (${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}), command: npm run bench:cases`);
    console.log('');
    console.log(
      `Seed (${SEED}, ${window.from} – ${window.to}): ${written.cases} cases, ${written.history} history rows, ${written.calls} video calls, ${written.chats} text chats; ` +
        `generated in ${(generated / 1000).toFixed(1)} s, written in ${(seedMs / 1000).toFixed(1)} s (${Math.round((written.cases + written.history + written.calls + written.chats) / (seedMs / 1000))} rows/s, one transaction).`,
    );
    console.log('');
    const ctx: CasesBenchContext = { databaseUrl: pg.url, db, data, months };
    for (const section of SECTIONS) for (const line of await section(ctx)) console.log(line);
  } finally {
    await db.close();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
