import { describe, expect, it } from 'vitest';
import { ipv6Prefix64 } from './ipv6.ts';

describe('ipv6Prefix64', () => {
  it('names the /64 of full, shortened and IPv4-tailed addresses alike', () => {
    expect(ipv6Prefix64('2001:0db8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(ipv6Prefix64('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(ipv6Prefix64('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(ipv6Prefix64('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipv6Prefix64('::1')).toBe('0:0:0:0::/64');
    expect(ipv6Prefix64('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
