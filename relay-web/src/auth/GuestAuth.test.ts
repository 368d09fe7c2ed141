import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeToken, memoryStorage, scriptedFetch } from '../test/fakeAuth.ts';
import { SignalingError } from '../signaling/socket.ts';
import { GUEST_TOKEN_KEY, GuestAuth, isFreshGuestToken } from './GuestAuth.ts';

const NOW = 1_700_000_000_000;
const tokenFor = (expSec: number): string => fakeToken({ kind: 'guest', exp: expSec });

afterEach(() => {
  vi.useRealTimers();
});

describe('GuestAuth', () => {
  it('reuses a stored token that stays valid a while, without asking the server', async () => {
    const stored = tokenFor(NOW / 1000 + 3600);
    const { fetchFn, sent } = scriptedFetch(() => [500, {}]);
    const auth = new GuestAuth({ fetchFn, storage: memoryStorage({ [GUEST_TOKEN_KEY]: stored }), now: () => NOW });
    await expect(auth.ensure()).resolves.toBe(stored);
    expect(sent).toHaveLength(0);
    auth.dispose();
  });

  it('asks for a new token with the old one as previousToken (same guest identity), and stores it', async () => {
    const old = tokenFor(NOW / 1000 + 60);
    const fresh = tokenFor(NOW / 1000 + 4 * 3600);
    const storage = memoryStorage({ [GUEST_TOKEN_KEY]: old });
    const { fetchFn, sent } = scriptedFetch(() => [200, { guestToken: fresh, guestId: 'g1', expiresIn: 14_400 }]);
    const auth = new GuestAuth({ fetchFn, storage, now: () => NOW });
    await expect(auth.ensure()).resolves.toBe(fresh);
    expect(sent).toEqual([{ path: '/api/auth/guest', body: { channel: 'web', previousToken: old } }]);
    expect(storage.data.get(GUEST_TOKEN_KEY)).toBe(fresh);
    expect(auth.token()).toBe(fresh);
    auth.dispose();
  });

  it('asks without previousToken the first time', async () => {
    const { fetchFn, sent } = scriptedFetch(() => [200, { guestToken: tokenFor(NOW / 1000 + 3600), guestId: 'g', expiresIn: 3600 }]);
    const auth = new GuestAuth({ fetchFn, storage: memoryStorage(), now: () => NOW });
    await auth.ensure();
    expect(sent[0]?.body).toEqual({ channel: 'web' });
    auth.dispose();
  });

  it('on a kiosk asks for a token of that kiosk', async () => {
    const { fetchFn, sent } = scriptedFetch(() => [200, { guestToken: tokenFor(NOW / 1000 + 3600), guestId: 'g', expiresIn: 3600 }]);
    const storage = memoryStorage();
    const auth = new GuestAuth({ surface: { kind: 'kiosk', kioskId: 'DA-01' }, fetchFn, storage, now: () => NOW });
    await auth.ensure();
    expect(sent).toEqual([{ path: '/api/auth/guest', body: { channel: 'kiosk', kioskId: 'DA-01' } }]);
    expect(storage.data.has(GUEST_TOKEN_KEY)).toBe(true);
    auth.dispose();
  });

  it('fails with the server code (rate limit), and renew() says null instead of throwing', async () => {
    const { fetchFn } = scriptedFetch(() => [429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }]);
    const auth = new GuestAuth({ fetchFn, storage: memoryStorage(), now: () => NOW });
    const error = await auth.ensure().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect((error as SignalingError).code).toBe('RATE_LIMITED');
    await expect(auth.renew()).resolves.toBeNull();
    auth.dispose();
  });

  it('renews before expiry and announces the new token', async () => {
    vi.useFakeTimers({ now: NOW });
    const first = tokenFor(NOW / 1000 + 30 * 60);
    const second = tokenFor(NOW / 1000 + 5 * 3600);
    const { fetchFn, sent } = scriptedFetch(() => [200, { guestToken: second, guestId: 'g', expiresIn: 14_400 }]);
    const auth = new GuestAuth({ fetchFn, storage: memoryStorage({ [GUEST_TOKEN_KEY]: first }) });
    const seen: string[] = [];
    auth.onToken((t) => seen.push(t));
    await auth.ensure();
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(20 * 60_000 + 1);
    expect(sent).toHaveLength(1);
    expect(seen).toEqual([second]);
    auth.dispose();
  });

  it('judges freshness by the token expiry', () => {
    expect(isFreshGuestToken(null, NOW)).toBe(false);
    expect(isFreshGuestToken('junk', NOW)).toBe(false);
    expect(isFreshGuestToken(tokenFor(NOW / 1000 + 5 * 60), NOW)).toBe(false);
    expect(isFreshGuestToken(tokenFor(NOW / 1000 + 60 * 60), NOW)).toBe(true);
  });
});
