import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Fields of a logged error that can carry a person's data: Postgres puts the whole offending row in `detail`
 * ("Failing row contains (…)": a message body, a call-back phone number), and the values of a statement in
 * `where` (the context line of a function) and `internalQuery`; `parameters` are the values a statement was
 * run with. None reaches the log; the error's type, code, constraint and message still do.
 */
const PRIVATE_ERROR_FIELDS = new Set(['detail', 'where', 'internalQuery', 'parameters']);

/** pino's own error serializer, then every private field dropped, in nested errors too. */
export function serializeError(err: unknown): unknown {
  return withoutPrivateFields(pino.stdSerializers.err(err as Error), new WeakSet());
}

function withoutPrivateFields(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => withoutPrivateFields(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!PRIVATE_ERROR_FIELDS.has(key)) out[key] = withoutPrivateFields(v, seen);
  }
  return out;
}

/** The root logger; components take child loggers with their ids as fields. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'sfu-server' }, serializers: { err: serializeError, error: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}
