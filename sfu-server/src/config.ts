import { cpus } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

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
    /** Bearer token for /api/ops in production; without it those endpoints are off in production. */
    OPS_TOKEN: z.string().min(16).optional(),
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
    /** Gateway that sends callers' SMS and e-mail (a JSON POST per message); without it messages go to the log. */
    NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** Sent to the gateway as `Authorization: Bearer <secret>`. */
    NOTIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
  })
  .refine((c) => c.RTC_MIN_PORT <= c.RTC_MAX_PORT, { message: 'RTC_MIN_PORT must not exceed RTC_MAX_PORT', path: ['RTC_MIN_PORT'] })
  .refine((c) => c.NODE_ENV !== 'production' || c.JWT_SECRET !== undefined, { message: 'is required in production', path: ['JWT_SECRET'] })
  .refine((c) => c.SERVICE_CLOCK_START === undefined || c.NODE_ENV === 'test', { message: 'is only for tests (NODE_ENV=test)', path: ['SERVICE_CLOCK_START'] })
  .refine((c) => c.REDIS_URL === undefined || c.JWT_SECRET !== undefined, { message: 'is required with REDIS_URL (every process must share it)', path: ['JWT_SECRET'] });

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
