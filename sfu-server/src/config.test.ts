import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs with no configuration at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', MEDIASOUP_LISTEN_IP: '127.0.0.1', NODE_ENV: 'development' });
    expect(c.MEDIASOUP_WORKERS).toBeGreaterThanOrEqual(1);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('stops on a bad value with a message naming the setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ MEDIASOUP_LISTEN_IP: 'not-an-ip' })).toThrow(/MEDIASOUP_LISTEN_IP/);
    expect(() => loadConfig({ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' })).toThrow(/RTC_MIN_PORT must not exceed/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses to listen beyond loopback outside production (review #22)', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: listens beyond this machine/);
    expect(() => loadConfig({ HOST: '192.168.1.20', NODE_ENV: 'development' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.5' }).HOST).toBe('127.0.0.5');
    expect(loadConfig({ HOST: 'localhost' }).HOST).toBe('localhost');
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies, never as "everything"', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '' })).toThrow(/TRUST_PROXY/);
  });

  it('reads allowed origins and kiosk IDs as lists', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://relay.gov.taipei/, https://kiosk.example:8443' }).ALLOWED_ORIGINS).toEqual(['https://relay.gov.taipei', 'https://kiosk.example:8443']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig({ KIOSK_IDS: 'DA-01,ZS-02' }).KIOSK_IDS).toEqual(['DA-01', 'ZS-02']);
    expect(() => loadConfig({ KIOSK_IDS: 'DA 01' })).toThrow(/KIOSK_IDS/);
  });
});
