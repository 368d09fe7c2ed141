import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { TokenService } from './tokens.ts';
import { asGuestId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const secret = 'a'.repeat(40);
const svc = new TokenService({ secret, accessTtlSec: 900, guestTtlSec: 7200 });
const staff = { kind: 'staff', userId: asUserId('6f1d0a8e-4a5b-4c3d-9e2f-1a2b3c4d5e6f'), role: 'interpreter', displayName: '林', gender: 'female' } as const;

describe('TokenService', () => {
  it('round-trips staff and guest principals', () => {
    expect(svc.verify(svc.signStaff(staff).token)).toEqual(staff);
    const guest = { kind: 'guest', guestId: asGuestId('0b1d0a8e-4a5b-4c3d-9e2f-1a2b3c4d5e6f'), channel: 'kiosk', kioskId: 'K01' } as const;
    expect(svc.verify(svc.signGuest(guest).token)).toEqual({ ...guest, kioskVerified: false });
  });
  it('carries a previous guest identity on for at most 7 days after expiry, for the same channel and kiosk (review #12)', () => {
    const now = Date.now();
    const guestId = asGuestId('0b1d0a8e-4a5b-4c3d-9e2f-1a2b3c4d5e6f');
    const expiredAgo = (sec: number, ch: 'web' | 'kiosk', kiosk: string | null) =>
      jwt.sign({ typ: 'guest', ch, kiosk, exp: Math.floor(now / 1000) - sec }, secret, { subject: guestId, issuer: 'sign-relay' });
    const web = { channel: 'web', kioskId: null } as const;
    const da01 = { channel: 'kiosk', kioskId: 'DA-01' } as const;
    expect(svc.previousGuest(svc.signGuest({ kind: 'guest', guestId, ...web }).token, web, now)).toBe(guestId);
    expect(svc.previousGuest(expiredAgo(6 * 86400, 'web', null), web, now)).toBe(guestId);
    expect(svc.previousGuest(expiredAgo(8 * 86400, 'web', null), web, now)).toBeUndefined();
    // A browser's identity does not become a kiosk's, nor one kiosk's another's.
    expect(svc.previousGuest(expiredAgo(60, 'web', null), da01, now)).toBeUndefined();
    expect(svc.previousGuest(expiredAgo(60, 'kiosk', 'DA-01'), da01, now)).toBe(guestId);
    expect(svc.previousGuest(expiredAgo(60, 'kiosk', 'DA-01'), { channel: 'kiosk', kioskId: 'DA-02' }, now)).toBeUndefined();
    expect(svc.previousGuest(expiredAgo(60, 'kiosk', 'DA-01'), web, now)).toBeUndefined();
    // A staff token, a forged one or junk is no previous guest.
    expect(svc.previousGuest(svc.signStaff(staff).token, web, now)).toBeUndefined();
    expect(svc.previousGuest(jwt.sign({ typ: 'guest', ch: 'web', kiosk: null }, 'b'.repeat(40), { subject: guestId, issuer: 'sign-relay' }), web, now)).toBeUndefined();
    expect(svc.previousGuest('junk', web, now)).toBeUndefined();
  });
  it('refuses expired, forged, unsigned and foreign tokens', () => {
    const expired = jwt.sign({ typ: 'staff', role: 'admin', name: 'x', gender: null }, secret, { subject: staff.userId, issuer: 'sign-relay', expiresIn: -10 });
    expect(() => svc.verify(expired)).toThrow(/expired/);
    const forged = jwt.sign({ typ: 'staff', role: 'admin', name: 'x', gender: null }, 'b'.repeat(40), { subject: staff.userId, issuer: 'sign-relay' });
    expect(() => svc.verify(forged)).toThrow(/sign in/);
    const none = jwt.sign({ typ: 'staff', role: 'admin', name: 'x', gender: null, sub: staff.userId, iss: 'sign-relay' }, '', { algorithm: 'none' });
    expect(() => svc.verify(none)).toThrow(/sign in/);
    const wrongShape = jwt.sign({ typ: 'staff', role: 'root', name: 'x', gender: null }, secret, { subject: staff.userId, issuer: 'sign-relay' });
    expect(() => svc.verify(wrongShape)).toThrow(/sign in/);
    expect(() => svc.verify('not.a.token')).toThrow(/sign in/);
  });
  it('keeps access tokens short-lived', () => {
    const { token, expiresIn } = svc.signStaff(staff);
    const decoded = jwt.decode(token) as { exp: number; iat: number };
    expect(expiresIn).toBe(900);
    expect(decoded.exp - decoded.iat).toBe(900);
  });
});
