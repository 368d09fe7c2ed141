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
    expect(svc.verify(svc.signGuest(guest).token)).toEqual(guest);
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
