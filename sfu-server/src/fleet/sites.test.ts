import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISTRICT_CODES } from '@sign-relay/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { KioskSitesError, SITE_TYPES, loadKioskSites, type KioskSiteSeed, type SiteType } from './sites.ts';

const sites = loadKioskSites();

const countBy = <K extends string | number>(list: readonly KioskSiteSeed[], key: (s: KioskSiteSeed) => K): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const s of list) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return counts;
};

/** Written out here, not imported, so a slip in the module's table cannot hide itself. */
const PREFIX: Record<string, string> = {
  songshan: 'SS',
  xinyi: 'XY',
  daan: 'DA',
  zhongshan: 'ZS',
  zhongzheng: 'ZZ',
  datong: 'DT',
  wanhua: 'WH',
  wenshan: 'WS',
  nangang: 'NG',
  neihu: 'NH',
  shilin: 'SL',
  beitou: 'BT',
};

describe('the kiosk seed list', () => {
  it('has the 73 public video points', () => {
    expect(sites).toHaveLength(73);
  });

  it('has the 46 sites of 2010, by kind', () => {
    const of2010 = sites.filter((s) => s.since === 2010);
    expect(of2010).toHaveLength(46);
    const expected: Partial<Record<SiteType, number>> = {
      district_office: 12,
      household_registration: 12,
      land_office: 6,
      health_centre: 12,
      city_hall: 2,
      vocational_rehab: 1,
      employment_station: 1,
    };
    expect(Object.fromEntries(countBy(of2010, (s) => s.siteType))).toEqual(expected);
  });

  it('has the 27 sites of 2012: hospitals, libraries, MRT stations and the one museum', () => {
    const of2012 = sites.filter((s) => s.since === 2012);
    expect(of2012).toHaveLength(27);
    const kinds = countBy(of2012, (s) => s.siteType);
    expect([...kinds.keys()].every((k) => ['hospital', 'library', 'museum', 'mrt_station'].includes(k))).toBe(true);
    expect(kinds.get('museum')).toBe(1);
    expect(kinds.get('hospital')).toBeGreaterThan(0);
    expect(kinds.get('library')).toBeGreaterThan(0);
    expect(kinds.get('mrt_station')).toBeGreaterThan(0);
  });

  it('uses only the known kinds of site and both waves', () => {
    expect(sites.every((s) => (SITE_TYPES as readonly string[]).includes(s.siteType))).toBe(true);
    expect(new Set(sites.map((s) => s.since))).toEqual(new Set([2010, 2012]));
  });

  it('has one district office, household registration office and health centre in each of the 12 districts', () => {
    expect(DISTRICT_CODES).toHaveLength(12);
    for (const kind of ['district_office', 'household_registration', 'health_centre'] as const) {
      const perDistrict = countBy(
        sites.filter((s) => s.siteType === kind),
        (s) => s.district,
      );
      expect(Object.fromEntries(perDistrict), kind).toEqual(Object.fromEntries(DISTRICT_CODES.map((d) => [d, 1])));
    }
  });

  it('gives every district at least 3 sites', () => {
    const perDistrict = countBy(sites, (s) => s.district);
    for (const d of DISTRICT_CODES) expect(perDistrict.get(d) ?? 0, d).toBeGreaterThanOrEqual(3);
  });

  it('has unique ids of the form XX-00 whose prefix is the district', () => {
    expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length);
    for (const s of sites) {
      expect(s.id).toMatch(/^[A-Z]{2}-\d{2}$/);
      expect(s.id.slice(0, 2), s.id).toBe(PREFIX[s.district]);
    }
  });

  it('places every site inside Taipei', () => {
    for (const s of sites) {
      expect(s.lat, s.id).toBeGreaterThanOrEqual(24.96);
      expect(s.lat, s.id).toBeLessThanOrEqual(25.21);
      expect(s.lng, s.id).toBeGreaterThanOrEqual(121.45);
      expect(s.lng, s.id).toBeLessThanOrEqual(121.67);
    }
  });

  it('names every site in both languages and gives a Taipei street address', () => {
    for (const s of sites) {
      expect(s.nameZh.trim(), s.id).not.toBe('');
      expect(s.nameEn.trim(), s.id).not.toBe('');
      expect(s.addressZh, s.id).toMatch(/^臺北市/);
    }
  });
});

describe('loadKioskSites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sr-kiosk-sites-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const writeSites = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('reads a valid file from any path', () => {
    expect(loadKioskSites(writeSites('copy.json', sites))).toEqual(sites);
  });

  it('refuses a file with a bad entry, naming that entry', () => {
    const broken = sites.map((s) => (s.id === 'WS-03' ? { ...s, lat: 23.5 } : s));
    const file = writeSites('broken.json', broken);
    expect(() => loadKioskSites(file)).toThrow(KioskSitesError);
    expect(() => loadKioskSites(file)).toThrow(/WS-03\)\.lat: lat must be inside Taipei/);
  });

  it('refuses an unknown district, a misplaced id prefix and a kind of site from the wrong wave', () => {
    const first = sites[0] as KioskSiteSeed;
    expect(() => loadKioskSites(writeSites('district.json', [{ ...first, district: 'banqiao' }]))).toThrow(/SS-01\)\.district/);
    expect(() => loadKioskSites(writeSites('prefix.json', [{ ...first, id: 'DA-99' }]))).toThrow(/DA-99\)\.id: must start with SS-/);
    expect(() => loadKioskSites(writeSites('wave.json', [{ ...first, since: 2012 }]))).toThrow(/SS-01\)\.siteType: district_office was not among the 2012 sites/);
  });

  it('refuses duplicate ids, unknown fields and missing ones', () => {
    const [a, b] = sites as [KioskSiteSeed, KioskSiteSeed, ...KioskSiteSeed[]];
    expect(() => loadKioskSites(writeSites('dup.json', [a, { ...b, id: a.id }]))).toThrow(/entry 1 \(SS-01\)\.id: duplicate id \(also entry 0\)/);
    expect(() => loadKioskSites(writeSites('extra.json', [{ ...a, hours: '09:00-18:00' }]))).toThrow(/SS-01\)/);
    const { nameEn: _dropped, ...noEnglish } = a;
    expect(() => loadKioskSites(writeSites('missing.json', [noEnglish]))).toThrow(/SS-01\)\.nameEn/);
  });

  it('says which file is unreadable or not JSON', () => {
    const notJson = writeSites('not.json', '[{"id": "SS-01",');
    expect(() => loadKioskSites(notJson)).toThrow(KioskSitesError);
    expect(() => loadKioskSites(notJson)).toThrow(/not\.json is not valid JSON/);
    expect(() => loadKioskSites(join(dir, 'absent.json'))).toThrow(/Cannot read kiosk sites from .*absent\.json/);
  });
});
