import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressScope, clientAddress, compileTrust, originAllowed } from './admission.ts';
import { Connection } from './Connection.ts';
import { MemoryConnectionSlots } from './connectionSlots.ts';

/** A request as the signaling server sees it: the TCP peer and what X-Forwarded-For claims. */
function request(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = { remoteAddress: peer };
  return { socket, connection: socket, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('the client address behind a trusted proxy (review #14)', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.7'), compileTrust(undefined))).toBe('10.0.0.2');
  });

  it('is the address the trusted hop names, never one spoofed before it', () => {
    const oneHop = compileTrust(1);
    expect(clientAddress(request('10.0.0.2', '203.0.113.7'), oneHop)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.2', '198.51.100.1, 203.0.113.7'), oneHop)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.2'), oneHop)).toBe('10.0.0.2');
  });

  it('walks back through proxies named by address or CIDR, and stops at the first that is not one', () => {
    const proxies = compileTrust(['10.0.0.0/8', '::1']);
    expect(clientAddress(request('10.0.0.2', '203.0.113.7, 10.1.1.1'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(request('::ffff:10.0.0.2', '203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(request('192.0.2.9', '203.0.113.7'), proxies)).toBe('192.0.2.9');
    expect(clientAddress(request('::1', '2001:db8::5'), proxies)).toBe('2001:db8::5');
  });
});

describe('what one address counts as (review #4, #14)', () => {
  it('an IPv4 address is itself; an IPv6 address counts by its /64', () => {
    expect(addressScope('203.0.113.7')).toBe('203.0.113.7');
    expect(addressScope('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressScope('2001:db8:1:2::1')).toBe(addressScope('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressScope('2001:0db8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressScope('2001:db8:1:3::1')).not.toBe(addressScope('2001:db8:1:2::1'));
    expect(addressScope('::1')).toBe('0:0:0:0::/64');
  });
});

describe('the origin allow-list (review #14)', () => {
  const req = (origin: string | undefined, host = 'relay.example:8443') => ({ headers: { host, ...(origin !== undefined ? { origin } : {}) } });
  it("lets the server's own pages and the allowed origins connect, and refuses any other page", () => {
    expect(originAllowed(req('https://relay.example:8443'), [])).toBe(true);
    expect(originAllowed(req('https://kiosk.example'), ['https://kiosk.example'])).toBe(true);
    expect(originAllowed(req('https://evil.example'), ['https://kiosk.example'])).toBe(false);
    expect(originAllowed(req('https://relay.example.evil.example'), [])).toBe(false);
    expect(originAllowed(req('null'), [])).toBe(false);
    // Not a browser page: its token alone decides.
    expect(originAllowed(req(undefined), [])).toBe(true);
  });
});

describe('connections counted against limits (review #4, #14)', () => {
  it('a claim counts in every limit or in none, and a release frees its places', () => {
    const slots = new MemoryConnectionSlots();
    const claims = (g: string) => [
      { scope: `guest:${g}`, cap: 2 },
      { scope: 'address:a', cap: 3 },
    ];
    expect(slots.claimNow('s1', claims('g1'))).toBeNull();
    expect(slots.claimNow('s2', claims('g1'))).toBeNull();
    expect(slots.claimNow('s3', claims('g1'))).toMatchObject({ scope: 'guest:g1' });
    expect(slots.claimNow('s3', claims('g2'))).toBeNull();
    // The refused claim for g1 counted nowhere: the address holds 3, so a fourth is refused.
    expect(slots.claimNow('s4', claims('g3'))).toMatchObject({ scope: 'address:a' });
    slots.releaseNow('s1', ['guest:g1', 'address:a']);
    slots.releaseNow('s1', ['guest:g1', 'address:a']);
    expect(slots.claimNow('s4', claims('g1'))).toBeNull();
  });
});

describe('one connection handles its requests one after another (review #4)', () => {
  it('a request starts only once the one before has settled, even when that one failed', async () => {
    const conn = new Connection('s', { kind: 'guest', guestId: 'g' as never, channel: 'web', kioskId: null, kioskVerified: false }, Date.now() + 60_000, '192.0.2.1');
    const order: string[] = [];
    let release!: () => void;
    const first = conn.serial(async () => {
      order.push('first starts');
      await new Promise<void>((r) => (release = r));
      order.push('first ends');
      throw new Error('refused');
    });
    const second = conn.serial(async () => {
      order.push('second starts');
      return 2;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('refused');
    expect(await second).toBe(2);
    expect(order).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('a connection whose token has expired is lapsed until it is renewed', () => {
    const conn = new Connection('s', { kind: 'guest', guestId: 'g' as never, channel: 'web', kioskId: null, kioskVerified: false }, 1_000, '192.0.2.1');
    expect(conn.lapsed(999)).toBe(false);
    expect(conn.lapsed(1_000)).toBe(true);
    conn.expiresAt = 5_000;
    expect(conn.lapsed(1_000)).toBe(false);
  });
});
