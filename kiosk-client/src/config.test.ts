import { describe, expect, it } from 'vitest';
import { memoryStorage } from '@sign-relay/relay-web/test/fakeAuth.ts';
import { DEFAULT_IDLE_SEC, KIOSK_CONFIG_KEY, readKioskConfig } from './config.ts';

describe('readKioskConfig', () => {
  it('takes the id (and idle time) from the address and keeps them for the next start', () => {
    const storage = memoryStorage();
    expect(readKioskConfig('?kiosk=DA-01&idle=60', storage)).toEqual({ ok: true, config: { kioskId: 'DA-01', idleSec: 60 } });
    expect(readKioskConfig('', storage)).toEqual({ ok: true, config: { kioskId: 'DA-01', idleSec: 60 } });
  });

  it('says so when there is no id at all', () => {
    expect(readKioskConfig('', memoryStorage())).toEqual({ ok: false, reason: 'missing' });
    expect(readKioskConfig('', memoryStorage({ [KIOSK_CONFIG_KEY]: '{broken' }))).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses an id the server would refuse, and keeps the stored one', () => {
    const storage = memoryStorage();
    readKioskConfig('?kiosk=MRT_12', storage);
    for (const bad of ['', 'a b', 'x'.repeat(41), '中正', '<script>']) {
      expect(readKioskConfig(`?kiosk=${encodeURIComponent(bad)}`, storage)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(readKioskConfig('', storage)).toEqual({ ok: true, config: { kioskId: 'MRT_12', idleSec: DEFAULT_IDLE_SEC } });
  });

  it('uses the default idle time for one out of range or not a whole number', () => {
    for (const idle of ['5', '99999', '1.5', 'abc']) {
      expect(readKioskConfig(`?kiosk=K1&idle=${idle}`, memoryStorage())).toEqual({ ok: true, config: { kioskId: 'K1', idleSec: DEFAULT_IDLE_SEC } });
    }
  });
});
