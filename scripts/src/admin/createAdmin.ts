/**
 * Creates an admin account — the documented way to get the first admin in production (no default password
 * exists). Uses the same configuration as the server (DATABASE_URL, or the embedded database in
 * SIGN_RELAY_DATA_DIR; stop the server first when it runs the embedded one).
 *
 *   ADMIN_PASSWORD='…' npm run admin:create -- --username chen --display-name '陳主任'
 *
 * Without ADMIN_PASSWORD the password is read from standard input (first line).
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AuthService } from '../../../sfu-server/src/auth/AuthService.ts';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { loadConfig } from '../../../sfu-server/src/config.ts';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { createDatabase } from '../../../sfu-server/src/store/db.ts';
import { migrate } from '../../../sfu-server/src/store/migrate.ts';
import { RefreshTokenRepository } from '../../../sfu-server/src/store/repositories/refreshTokenRepository.ts';
import { UserRepository } from '../../../sfu-server/src/store/repositories/userRepository.ts';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password for the new admin (input is shown; prefer ADMIN_PASSWORD): ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, 'display-name': { type: 'string' } } });
  if (!values.username) {
    process.stderr.write('usage: npm run admin:create -- --username NAME [--display-name TEXT]   (password: ADMIN_PASSWORD or stdin)\n');
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const password = await readPassword();
  const db = await createDatabase({ databaseUrl: config.DATABASE_URL, embeddedDataDir: config.SIGN_RELAY_DATA_DIR, logger });
  try {
    await migrate(db.pool, logger);
    const auth = new AuthService({
      users: new UserRepository(db.pool),
      refreshTokens: new RefreshTokenRepository(db.pool),
      tokens: new TokenService({ secret: randomBytes(32).toString('hex'), accessTtlSec: 60, guestTtlSec: 60 }),
      refreshTtlSec: 60,
      logger,
    });
    const user = await auth.createUser({ username: values.username, displayName: values['display-name'] ?? values.username, role: 'admin', gender: null, password });
    process.stdout.write(`Admin ${user.username} created (${user.id}).\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
