/**
 * Cases benchmark, on a durable local Postgres (fsync and synchronous_commit on, every other setting the
 * default) holding a seeded year (`scripts/src/seed/`, about 219,000 cases): how long the supervisors'
 * monthly report takes (target: under 300 ms) and the month's open data.
 *
 *   npm run bench:cases            (RUNS = timed runs per month, default 25; SEED, default 1999)
 *
 * Each measurement is a section: a function of the seeded database that prints its own Markdown. Sections
 * for filing (cases per second and p95 latency) and for Open311 `GET requests.json` (p95) join SECTIONS below.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { createDatabase, type Database } from '../../../sfu-server/src/store/db.ts';
import { migrate } from '../../../sfu-server/src/store/migrate.ts';
import { ReportRepository } from '../../../sfu-server/src/store/repositories/reportRepository.ts';
import { writeSeed } from '../seed/writeSeed.ts';
import { defaultWindow, generateSeed, type SeedData } from '../seed/yearModel.ts';
import { startPostgres } from '../test/services.ts';
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

// Filing (cases/s, p95 latency) and Open311 GET requests.json (p95) are added here as sections of their own.
const SECTIONS: CasesBenchSection[] = [monthlyReport];

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
