import { describe, expect, it } from 'vitest';
import { CASE_SERVICES, DISPATCH_ITEMS, DISTRICTS } from '@sign-relay/shared';
import { DISTRICT_ZIPCODES, OPEN311_SERVICES, itemKeywords, postable, serviceCodeOf, serviceDefinition, serviceNameOf, serviceTarget } from './catalogue.ts';

describe('the Open311 service list', () => {
  it('lists the 22 dispatch items as D01–D22 in the dispatch group, then petition, consultation and transfer', () => {
    expect(OPEN311_SERVICES.map((s) => s.service_code)).toEqual([...DISPATCH_ITEMS.map((i) => i.code), 'P01', 'C01', 'T01']);
    for (const item of DISPATCH_ITEMS) {
      const s = OPEN311_SERVICES.find((x) => x.service_code === item.code)!;
      expect(s).toMatchObject({ service_name: item.zh, metadata: true, type: 'realtime', group: '派工 dispatch' });
      expect(s.description).toContain(item.en);
    }
  });

  it('gives every service every field of the spec, with the spec’s types', () => {
    for (const s of OPEN311_SERVICES) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      expect(typeof s.metadata).toBe('boolean');
      expect(s.keywords.length).toBeGreaterThan(0);
    }
  });

  it('makes keywords from the item words: Chinese fragments without the (含…) notes, English words without filler', () => {
    expect(itemKeywords({ code: 'D01', zh: '市區道路坑洞處理', en: 'road pothole' })).toBe('市區道路坑洞處理, road, pothole');
    expect(itemKeywords({ code: 'D02', zh: '人孔蓋(含周邊)破損、遺失處理', en: 'manhole cover damaged or missing' })).toBe('人孔蓋, 破損, 遺失處理, manhole, cover, damaged, missing');
    const d15 = itemKeywords(DISPATCH_ITEMS.find((i) => i.code === 'D15')!);
    expect(d15.split(', ')).toEqual(expect.arrayContaining(['污染舉發', '空污', '臭味', '公廁', 'pollution', 'odour', 'toilet']));
    expect(new Set(d15.split(', ')).size).toBe(d15.split(', ').length);
  });

  it('resolves the service code of every kind of case, and back', () => {
    for (const service of CASE_SERVICES) {
      const code = serviceCodeOf({ service, dispatchItem: service === 'dispatch' ? 'D07' : null });
      expect(serviceTarget(code)?.service).toBe(service);
      expect(serviceDefinition(code)?.service_code).toBe(code);
      expect(serviceNameOf(code)).not.toBe(code);
    }
    expect(serviceTarget('D07')).toEqual({ service: 'dispatch', item: 'D07' });
    expect(serviceTarget('D23')).toBeUndefined();
    expect(serviceTarget('d01')).toBeUndefined();
  });

  it('lets clients post dispatch items and petitions, not the cases interpreters record', () => {
    expect(postable('D01')).toBe(true);
    expect(postable('P01')).toBe(true);
    expect(postable('C01')).toBe(false);
    expect(postable('T01')).toBe(false);
    expect(postable('X99')).toBe(false);
    expect(OPEN311_SERVICES.filter((s) => s.type === 'blackbox').map((s) => s.service_code)).toEqual(['C01', 'T01']);
  });

  it('defines district as a required single-value list of the 12 districts for dispatch, optional for petitions', () => {
    const d = serviceDefinition('D01')!;
    expect(d.attributes).toHaveLength(1);
    const [district] = d.attributes;
    expect(district).toMatchObject({ variable: true, code: 'district', datatype: 'singlevaluelist', required: true, order: 1 });
    expect(district!.values).toEqual(DISTRICTS.map((x) => ({ key: x.code, name: `${x.zh} ${x.en}` })));
    expect(serviceDefinition('P01')!.attributes[0]).toMatchObject({ code: 'district', required: false });
    expect(serviceDefinition('C01')!.attributes).toEqual([]);
    expect(serviceDefinition('nope')).toBeUndefined();
  });

  it('knows the postal code of every district', () => {
    for (const d of DISTRICTS) expect(DISTRICT_ZIPCODES[d.code]).toMatch(/^1\d\d$/);
    expect(new Set(Object.values(DISTRICT_ZIPCODES)).size).toBe(12);
  });
});
