import { homedir } from 'node:os';
import { join } from 'node:path';

/** The data dir given for an embedded database that lives only in memory (tests, throwaway runs). */
export const IN_MEMORY_DATA_DIR = 'memory://';

/**
 * Where the embedded database lives when neither `DATABASE_URL` nor `SIGN_RELAY_DATA_DIR` is set:
 * `$XDG_DATA_HOME/sign-relay/pglite`, i.e. `~/.local/share/sign-relay/pglite` on a usual Linux account.
 */
export function defaultEmbeddedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'sign-relay', 'pglite');
}
