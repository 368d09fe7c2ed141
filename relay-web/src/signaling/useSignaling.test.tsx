// @vitest-environment happy-dom
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenSource } from '../auth/TokenSource.ts';
import { mount } from '../test/render.tsx';
import type { Mounted } from '../test/render.tsx';
import type * as SocketModule from './socket.ts';
import type { Signaling } from './useSignaling.ts';
import { useSignaling } from './useSignaling.ts';

/** A socket that connects when asked and lets the test play the server (connect, close, refuse). */
class FakeSocket {
  active = false;
  connected = false;
  connects = 0;
  private handlers = new Map<string, ((arg?: unknown) => void)[]>();
  on(event: string, fn: (arg?: unknown) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  off(event: string, fn: (arg?: unknown) => void): this {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((f) => f !== fn));
    return this;
  }
  connect(): this {
    this.connects += 1;
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  fire(event: string, arg?: unknown): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const fn of this.handlers.get(event) ?? []) fn(arg);
  }
}

const sockets: FakeSocket[] = [];
vi.mock('./socket.ts', async (original) => ({
  ...(await original<typeof SocketModule>()),
  openSocket: () => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  },
}));

function tokenSource(renewed: string | null): TokenSource & { renewals: number } {
  const src = {
    renewals: 0,
    token: () => 't1',
    renew: () => {
      src.renewals += 1;
      return Promise.resolve(renewed);
    },
    onToken: () => () => undefined,
  };
  return src;
}

let seen: Signaling;
function Probe({ source }: { source: TokenSource }): ReactElement {
  seen = useSignaling(source);
  return <span />;
}

let m: Mounted;
beforeEach(() => {
  sockets.length = 0;
  m = mount();
});
afterEach(() => m.unmount());

describe('useSignaling when the server closes the connection itself (review #9, #10)', () => {
  it('renews the token and connects again after the server cut a lapsed or changed session', async () => {
    const source = tokenSource('t2');
    m.render(<Probe source={source} />);
    const socket = sockets[0]!;
    expect(socket.connects).toBe(1);
    act(() => socket.fire('connect'));
    expect(seen.connected).toBe(true);

    await act(async () => socket.fire('disconnect', 'io server disconnect'));
    expect(source.renewals).toBe(1);
    expect(socket.connects).toBe(2);
    expect(seen).toMatchObject({ connected: false, refused: null });
    act(() => socket.fire('connect'));
    expect(seen.connected).toBe(true);
  });

  it('shows the signed-out state when renewing gives no token (signed out or account disabled)', async () => {
    const source = tokenSource(null);
    m.render(<Probe source={source} />);
    const socket = sockets[0]!;
    act(() => socket.fire('connect'));
    await act(async () => socket.fire('disconnect', 'io server disconnect'));
    expect(source.renewals).toBe(1);
    expect(socket.connects).toBe(1);
    expect(seen).toMatchObject({ connected: false, refused: 'UNAUTHENTICATED' });
  });

  it('leaves a dropped network connection to socket.io, which retries it by itself', async () => {
    const source = tokenSource('t2');
    m.render(<Probe source={source} />);
    const socket = sockets[0]!;
    act(() => socket.fire('connect'));
    await act(async () => socket.fire('disconnect', 'transport close'));
    expect(source.renewals).toBe(0);
    expect(socket.connects).toBe(1);
    expect(seen.refused).toBeNull();
  });

  it('does not renew a second time when the renewed token is refused too', async () => {
    const source = tokenSource('t2');
    m.render(<Probe source={source} />);
    const socket = sockets[0]!;
    act(() => socket.fire('connect'));
    await act(async () => socket.fire('disconnect', 'io server disconnect'));
    await act(async () => socket.fire('connect_error', Object.assign(new Error('refused'), { data: { code: 'UNAUTHENTICATED' } })));
    expect(source.renewals).toBe(1);
    expect(seen.refused).toBe('UNAUTHENTICATED');
  });
});
