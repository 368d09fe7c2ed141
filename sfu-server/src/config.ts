import { isIP } from 'node:net';
import { cpus } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

/** A comma-separated list in one environment variable ('' is an empty list). */
const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(item));

const cidr = z.string().refine((s) => {
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length > 0 || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}, 'must be an IP address or CIDR block (e.g. 10.0.0.0/8)');

/**
 * Which proxies' X-Forwarded-For to believe: a hop count (1 = the TLS proxy in front) or a list of proxy
 * addresses/CIDR blocks. Never "everything": then any client could name its own address and dodge the limits.
 */
const trustProxy = z.union([
  z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number),
  list(cidr).refine((l) => l.length > 0, 'must be a hop count or a list of proxy addresses'),
]);

/** True for 127.0.0.0/8, ::1 and localhost: a server listening only there is reachable from this machine alone. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Every setting the server reads from the environment, with its default. */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(8080),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(64).default(cpus().length),
    MEDIASOUP_LISTEN_IP: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
    MEDIASOUP_ANNOUNCED_IP: z.string().min(1).optional(),
    RTC_MIN_PORT: port.default(40000),
    RTC_MAX_PORT: port.default(49999),
    MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
    /** Where the built web apps are; defaults to the repo's dist folders. */
    WEB_DIST: z.string().min(1).optional(),
    KIOSK_DIST: z.string().min(1).optional(),
    /** Bearer token for /api/ops and readiness details from anywhere but loopback; without it they are loopback-only. */
    OPS_TOKEN: z.string().min(16).optional(),
    /** Proxies whose X-Forwarded-For names the client (rate limits are per client): a hop count or addresses/CIDRs. */
    TRUST_PROXY: trustProxy.optional(),
    /** Extra origins (scheme://host[:port]) whose pages may open signaling connections; the server's own always may. */
    ALLOWED_ORIGINS: list(z.url().transform((u) => new URL(u).origin)).default([]),
    /** Kiosk IDs a kiosk token may name (comma-separated); without it any well-formed ID is accepted, shown as unverified. */
    KIOSK_IDS: list(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'kiosk IDs are letters, digits, - and _')).optional(),
    /** How long a participant whose connection dropped keeps their place in a call before the call ends. */
    RECONNECT_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Postgres for accounts and call records; without it an embedded PGlite in SIGN_RELAY_DATA_DIR is used. */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
    /** Redis for live state shared between server processes; without it the stores are in memory (one process only). */
    REDIS_URL: z.string().regex(/^(rediss?|unix):\/\//, 'must be a redis://, rediss:// or unix:// URL').optional(),
    /** Where the embedded database keeps its files (no DATABASE_URL); default ~/.local/share/sign-relay/pglite. */
    SIGN_RELAY_DATA_DIR: z.string().min(1).optional(),
    /** Prefix of every Redis key (several deployments can share one Redis). */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('sign-relay'),
    /** HMAC secret for access and guest tokens; required in production and shared by every server process. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_SEC: z.coerce.number().int().min(600).max(7 * 86400).default(12 * 3600),
    GUEST_TOKEN_TTL_SEC: z.coerce.number().int().min(300).max(86400).default(4 * 3600),
    WRAP_UP_SEC: z.coerce.number().int().min(0).max(600).default(60),
    /**
     * Test only (refused outside NODE_ENV=test): the instant the service-hours clock starts from, so a test can
     * stand at 22:00 Taipei time. Opening hours are judged by this clock; everything else uses the real one.
     */
    SERVICE_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
    /** Text chats one interpreter carries at once. */
    CHAT_SEATS: z.coerce.number().int().min(1).max(10).default(3),
    /** Chat transcripts are deleted this many days after they were written. */
    CHAT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Callers' call-back contacts (name, phone, e-mail) are erased this many days after they were given. */
    CONTACT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Gateway that sends callers' SMS and e-mail (a JSON POST per message); without it messages go to the log. */
    NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** Sent to the gateway as `Authorization: Bearer <secret>`. */
    NOTIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
  })
  .refine((c) => c.RTC_MIN_PORT <= c.RTC_MAX_PORT, { message: 'RTC_MIN_PORT must not exceed RTC_MAX_PORT', path: ['RTC_MIN_PORT'] })
  .refine((c) => c.NODE_ENV !== 'production' || c.JWT_SECRET !== undefined, { message: 'is required in production', path: ['JWT_SECRET'] })
  .refine((c) => c.SERVICE_CLOCK_START === undefined || c.NODE_ENV === 'test', { message: 'is only for tests (NODE_ENV=test)', path: ['SERVICE_CLOCK_START'] })
  .refine((c) => c.REDIS_URL === undefined || c.JWT_SECRET !== undefined, { message: 'is required with REDIS_URL (every process must share it)', path: ['JWT_SECRET'] })
  // Fail closed: development defaults (open ops routes, printed accounts, a random secret) stay on this machine.
  .refine((c) => isLoopbackHost(c.HOST) || c.NODE_ENV === 'production', {
    message: 'listens beyond this machine: set NODE_ENV=production (with JWT_SECRET) or HOST=127.0.0.1',
    path: ['HOST'],
  });

export type Config = Readonly<z.infer<typeof schema>>;

/** Thrown when the environment holds a bad value; main prints it and exits. */
export class ConfigError extends Error {}

/** Parses the environment once; the result is frozen. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
