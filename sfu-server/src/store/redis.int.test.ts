import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServiceUrl } from '../testing/context.ts';
import { createLogger } from '../logger.ts';
import { keys } from './keys.ts';
import { startRedis } from '../testing/services.ts';
import { answeredWithin, closeRedis, createRedis, duplicateRedis, REDIS_COMMAND_TIMEOUT_MS, redisUnavailable, type RedisClient } from './redis.ts';

const logger = createLogger('silent');

describe('createRedis', () => {
  let redis: RedisClient;
  const k = keys(`test-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    redis = await createRedis(testServiceUrl('TEST_REDIS_URL'), logger);
  });
  afterAll(async () => {
    if (redis) {
      const own = await redis.keys(`${k.prefix}:*`);
      if (own.length > 0) await redis.del(own);
      await closeRedis(redis);
      await closeRedis(redis);
    }
  });

  it('connects over the Unix socket and round-trips values', async () => {
    expect(testServiceUrl('TEST_REDIS_URL')).toMatch(/^unix:\/\//);
    expect(await redis.ping()).toBe('PONG');
    const hash = `${k.prefix}:test:hash`;
    await redis.hSet(hash, { channel: 'kiosk', kioskId: 'K-01' });
    expect(await redis.hGetAll(hash)).toEqual({ channel: 'kiosk', kioskId: 'K-01' });
    await redis.zAdd(k.queueWaiting(), [
      { score: 2, value: 'e2' },
      { score: 1, value: 'e1' },
    ]);
    expect(await redis.zRange(k.queueWaiting(), 0, -1)).toEqual(['e1', 'e2']);
  });

  it('duplicates a connection for pub/sub', async () => {
    const subscriber = await duplicateRedis(redis, logger, 'test-subscriber');
    try {
      const received = new Promise<string>((resolve) => void subscriber.subscribe(`${k.prefix}:events`, (message) => resolve(message)));
      // Wait until the subscription is live before publishing.
      while ((await redis.pubSubNumSub(`${k.prefix}:events`))[`${k.prefix}:events`] !== 1) await new Promise((r) => setTimeout(r, 10));
      await redis.publish(`${k.prefix}:events`, 'hello');
      expect(await received).toBe('hello');
    } finally {
      await closeRedis(subscriber);
    }
  });

  it('rejects with a readable error when Redis cannot be reached', async () => {
    await expect(createRedis('unix:///nonexistent/redis.sock', logger)).rejects.toThrow(/Cannot reach Redis at unix:\/\/\/nonexistent\/redis.sock/);
  });
});

describe('a Redis that stops answering', () => {
  it('fails each command with UNAVAILABLE within the command timeout, loses publishes quietly, and serves again after (review #17)', { timeout: 30_000 }, async () => {
    const own = await startRedis();
    let paused = false;
    const redis = await createRedis(own.url, logger);
    try {
      await redis.set('k', 'before');
      process.kill(own.pid, 'SIGSTOP');
      paused = true;
      const started = Date.now();
      // A publish nobody awaits (as the socket.io adapter sends them) must not become an unhandled rejection.
      void redis.publish('events', 'lost');
      const failed = await answeredWithin(redis.get('k')).then(
        () => 'answered',
        (err: unknown) => err,
      );
      expect(Date.now() - started).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + 1_000);
      expect(redisUnavailable(failed)).toMatchObject({ name: 'AppError', code: 'UNAVAILABLE' });
      process.kill(own.pid, 'SIGCONT');
      paused = false;
      expect(await redis.get('k')).toBe('before');
    } finally {
      if (paused) process.kill(own.pid, 'SIGCONT');
      await closeRedis(redis);
      await own.stop();
    }
  });
});
