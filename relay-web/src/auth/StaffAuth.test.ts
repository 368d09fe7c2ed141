import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffSession } from '@sign-relay/shared';
import { memoryStorage, scriptedFetch } from '../test/fakeAuth.ts';
import { REFRESH_RETRY_MS, STAFF_SESSION_KEY, StaffAuth } from './StaffAuth.ts';
import { asUserId } from '@sign-relay/shared/testing/ids.ts';

const user = { id: asUserId('u1'), username: 'interpreter1', displayName: '手語翻譯員 林', role: 'interpreter' as const, gender: 'female' as const };
const session = (n: number): StaffSession => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user });

afterEach(() => {
  vi.useRealTimers();
});

/** A server that rotates refresh tokens: each works once. */
function rotatingServer() {
  let issued = 0;
  const used = new Set<string>();
  return scriptedFetch((path, body) => {
    const b = body as { refreshToken?: string; password?: string };
    if (path === '/api/auth/login') return b.password === 'right' ? [200, session(++issued)] : [401, { error: { code: 'UNAUTHENTICATED', message: 'no' } }];
    if (path === '/api/auth/refresh') {
      if (!b.refreshToken || used.has(b.refreshToken)) return [401, { error: { code: 'UNAUTHENTICATED', message: 'used' } }];
      used.add(b.refreshToken);
      return [200, session(++issued)];
    }
    if (path === '/api/auth/logout') return [204, null];
    return [404, {}];
  });
}

describe('StaffAuth', () => {
  it('signs in, keeps the session in (session) storage, and tells the screen', async () => {
    const { fetchFn } = rotatingServer();
    const storage = memoryStorage();
    const auth = new StaffAuth({ fetchFn, storage });
    const changes: unknown[] = [];
    auth.subscribe(() => changes.push(auth.getState()));
    await auth.login('interpreter1', 'right');
    expect(auth.token()).toBe('access-1');
    expect(auth.getState()).toEqual({ user, expired: false });
    expect(JSON.parse(storage.data.get(STAFF_SESSION_KEY) ?? '{}')).toMatchObject({ session: { refreshToken: 'refresh-1' } });
    expect(changes).toHaveLength(1);
    auth.dispose();
  });

  it('refuses a wrong password with UNAUTHENTICATED and stays signed out', async () => {
    const { fetchFn } = rotatingServer();
    const auth = new StaffAuth({ fetchFn, storage: memoryStorage() });
    await expect(auth.login('interpreter1', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(auth.token()).toBeNull();
  });

  it('refreshes a minute before expiry with the current refresh token, once, and announces the new access token', async () => {
    vi.useFakeTimers({ now: 0 });
    const { fetchFn, sent } = rotatingServer();
    const auth = new StaffAuth({ fetchFn, storage: memoryStorage() });
    const tokens: string[] = [];
    auth.onToken((t) => tokens.push(t));
    await auth.login('interpreter1', 'right');
    await vi.advanceTimersByTimeAsync(839_000);
    expect(sent.filter((s) => s.path === '/api/auth/refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(sent.filter((s) => s.path === '/api/auth/refresh').map((s) => s.body)).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(tokens).toEqual(['access-2']);
    // The next one uses the rotated refresh token.
    await vi.advanceTimersByTimeAsync(840_001);
    expect(sent.filter((s) => s.path === '/api/auth/refresh').map((s) => s.body)).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-2' }]);
    auth.dispose();
  });

  it('shares one refresh between concurrent callers (a refresh token works once)', async () => {
    const { fetchFn, sent } = rotatingServer();
    const auth = new StaffAuth({ fetchFn, storage: memoryStorage() });
    await auth.login('interpreter1', 'right');
    const [a, b] = await Promise.all([auth.renew(), auth.renew()]);
    expect(a).toBe('access-2');
    expect(b).toBe('access-2');
    expect(sent.filter((s) => s.path === '/api/auth/refresh')).toHaveLength(1);
    auth.dispose();
  });

  it('signs out, marked expired, when the refresh is refused', async () => {
    const storage = memoryStorage({
      [STAFF_SESSION_KEY]: JSON.stringify({ session: { ...session(7), refreshToken: 'stolen' }, expiresAt: Date.now() + 900_000 }),
    });
    const { fetchFn } = scriptedFetch(() => [401, { error: { code: 'UNAUTHENTICATED', message: 'used' } }]);
    const auth = new StaffAuth({ fetchFn, storage });
    expect(auth.getState().user).toEqual(user);
    await expect(auth.renew()).resolves.toBeNull();
    expect(auth.getState()).toEqual({ user: null, expired: true });
    expect(storage.data.has(STAFF_SESSION_KEY)).toBe(false);
  });

  it('keeps the session and tries again soon when the server cannot be reached', async () => {
    vi.useFakeTimers({ now: 0 });
    let down = true;
    const { fetchFn, sent } = scriptedFetch(() => (down ? [503, { error: { code: 'UNAVAILABLE', message: 'down' } }] : [200, session(2)]));
    const storage = memoryStorage({ [STAFF_SESSION_KEY]: JSON.stringify({ session: session(1), expiresAt: 30_000 }) });
    const auth = new StaffAuth({ fetchFn, storage });
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(1);
    expect(auth.getState().user).toEqual(user);
    down = false;
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(sent).toHaveLength(2);
    expect(auth.token()).toBe('access-2');
    auth.dispose();
  });

  it('renews at once when the token is due (a background tab whose timer was held back)', async () => {
    const { fetchFn, sent } = rotatingServer();
    let now = 0;
    const auth = new StaffAuth({ fetchFn, storage: memoryStorage(), now: () => now });
    await auth.login('interpreter1', 'right');
    auth.renewIfDue();
    expect(sent.filter((s) => s.path === '/api/auth/refresh')).toHaveLength(0);
    now = 850_000;
    auth.renewIfDue();
    await auth.renew();
    expect(sent.filter((s) => s.path === '/api/auth/refresh')).toHaveLength(1);
    auth.dispose();
  });

  it('signs out on the server too, and forgets the session', async () => {
    const { fetchFn, sent } = rotatingServer();
    const storage = memoryStorage();
    const auth = new StaffAuth({ fetchFn, storage });
    await auth.login('interpreter1', 'right');
    await auth.logout();
    expect(sent.at(-1)).toEqual({ path: '/api/auth/logout', body: { refreshToken: 'refresh-1' } });
    expect(auth.getState()).toEqual({ user: null, expired: false });
    expect(storage.data.size).toBe(0);
  });
});
