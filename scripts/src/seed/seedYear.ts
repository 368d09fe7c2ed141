/**
 * Fills a database with a realistic year of the relay (about 219,000 cases, 36,000 video calls, 12,000 text
 * chats, 12 interpreters), for reports, demonstrations and benchmarks. Deterministic: the same `--seed`,
 * window and day give the same records. Refuses a database that already has cases unless `--force`; then the
 * seeded cases are numbered after the ones each day already has.
 *
 *   DATABASE_URL=postgres://… npm run seed:year -- [--seed TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--force]
 *
 * The window is Taipei days, `--to` exclusive; by default the twelve whole months before this one and this
 * month up to now. Nothing after the present is generated.
 */
import { parseArgs } from 'node:util';
import { dayString } from '@sign-relay/shared';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { createDatabase } from '../../../sfu-server/src/store/db.ts';
import { migrate } from '../../../sfu-server/src/store/migrate.ts';
import { countCases, writeSeed } from './writeSeed.ts';
import { defaultWindow, generateSeed } from './yearModel.ts';

const USAGE = 'usage: DATABASE_URL=postgres://… npm run seed:year -- [--seed TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--force]\n';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: '1999' }, from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write(`DATABASE_URL is not set: the seed writes only to a database you name (never the embedded one).\n${USAGE}`);
    return 2;
  }
  const now = new Date();
  const window = { ...defaultWindow(now), ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) };
  for (const day of [window.from, window.to]) {
    if (!dayString.safeParse(day).success || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      process.stderr.write(`Not a day: ${day}\n${USAGE}`);
      return 2;
    }
  }
  if (window.from >= window.to) {
    process.stderr.write(`--from (${window.from}) must come before --to (${window.to})\n`);
    return 2;
  }

  const logger = createLogger('warn');
  const db = await createDatabase({ databaseUrl, logger });
  try {
    await migrate(db.pool, logger);
    const existing = await countCases(db.pool);
    if (existing > 0 && !values.force) {
      process.stderr.write(`The database already has ${existing} cases; seeding would mix made-up cases with them. Use --force to add anyway.\n`);
      return 1;
    }
    const t0 = performance.now();
    // A forced second seed with the same --seed must not repeat the first one's ids.
    const data = generateSeed({ seed: existing > 0 ? `${values.seed}/${existing}` : values.seed, ...window, now });
    const generatedMs = performance.now() - t0;
    const written = await writeSeed(db.pool, data);
    process.stdout.write(
      `Seeded ${window.from} – ${window.to} (exclusive) with seed ${values.seed}: ${written.cases} cases (${written.history} history rows), ` +
        `${written.calls} video calls, ${written.chats} text chats, ${written.users} new interpreters. ` +
        `Generated in ${(generatedMs / 1000).toFixed(1)} s, written in ${(written.ms / 1000).toFixed(1)} s.\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

void main().then((code) => process.exit(code));
