/**
 * The seed list of the 73 public sign-language video points (kiosks), one kiosk per site: 46 opened in 2010 at
 * district, household-registration, land and health offices and City Hall, 27 from 2012-12-27 at city hospitals,
 * libraries, the Fine Arts Museum and MRT stations. The list lives in sfu-server/data/kiosk-sites.json; this module
 * is its schema and loader, and refuses a file with a bad entry by naming it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DISTRICT_CODES, TAIPEI_BOUNDS, type DistrictCode } from '@sign-relay/shared';
import { z } from 'zod';

/** The kinds of site a kiosk stands in. */
export const SITE_TYPES = [
  'district_office',
  'household_registration',
  'land_office',
  'health_centre',
  'city_hall',
  'vocational_rehab',
  'employment_station',
  'hospital',
  'library',
  'museum',
  'mrt_station',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];

/** The two waves of kiosks: the year a site got its kiosk. */
export const KIOSK_WAVES = [2010, 2012] as const;
export type KioskWave = (typeof KIOSK_WAVES)[number];

/** Which kinds of site each wave covered: civic offices in 2010, hospitals, libraries, the museum and MRT in 2012. */
export const SITE_TYPES_BY_WAVE = {
  2010: ['district_office', 'household_registration', 'land_office', 'health_centre', 'city_hall', 'vocational_rehab', 'employment_station'],
  2012: ['hospital', 'library', 'museum', 'mrt_station'],
} as const satisfies Record<KioskWave, readonly SiteType[]>;

/** The two letters a kiosk id starts with, per district (`DA-01` is a kiosk in Da'an). */
export const DISTRICT_ID_PREFIX: Readonly<Record<DistrictCode, string>> = {
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

/** A coordinate in degrees, given to at most 5 decimals (about a metre): more would be a false precision. */
const degrees = (min: number, max: number, what: string) =>
  z
    .number()
    .min(min, `${what} must be inside Taipei (${min}–${max})`)
    .max(max, `${what} must be inside Taipei (${min}–${max})`)
    .refine((n) => Number(n.toFixed(5)) === n, `${what} has more than 5 decimals`);

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** One site with its kiosk, as the seed file gives it. */
export const kioskSiteSchema = z
  .strictObject({
    /** District prefix and a two-digit number within the district, e.g. `DA-01`. */
    id: z.string().regex(/^[A-Z]{2}-\d{2}$/, 'must look like DA-01 (district prefix, dash, two digits)'),
    nameZh: nonEmpty,
    nameEn: nonEmpty,
    siteType: z.enum(SITE_TYPES),
    district: z.enum(DISTRICT_CODES),
    /** Street address in Chinese, as a visitor would write it. */
    addressZh: nonEmpty,
    lat: degrees(TAIPEI_BOUNDS.minLat, TAIPEI_BOUNDS.maxLat, 'lat'),
    lng: degrees(TAIPEI_BOUNDS.minLng, TAIPEI_BOUNDS.maxLng, 'lng'),
    /** True unless the coordinate is known to be within about 100 m of the building. */
    approximate: z.boolean(),
    since: z.union([z.literal(2010), z.literal(2012)]),
  })
  .superRefine((site, ctx) => {
    const prefix = DISTRICT_ID_PREFIX[site.district];
    if (!site.id.startsWith(`${prefix}-`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must start with ${prefix}- for district ${site.district}` });
    }
    const kinds: readonly SiteType[] = SITE_TYPES_BY_WAVE[site.since];
    if (!kinds.includes(site.siteType)) {
      ctx.addIssue({ code: 'custom', path: ['siteType'], message: `${site.siteType} was not among the ${site.since} sites (${kinds.join(', ')})` });
    }
  });

/** A site with its kiosk: where it is, what kind of place, and since when. */
export type KioskSiteSeed = z.infer<typeof kioskSiteSchema>;

/** The whole seed file: a list of sites whose ids are unique. */
export const kioskSitesFileSchema = z.array(kioskSiteSchema).superRefine((sites, ctx) => {
  const firstAt = new Map<string, number>();
  sites.forEach((site, i) => {
    const first = firstAt.get(site.id);
    if (first === undefined) firstAt.set(site.id, i);
    else ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id (also entry ${first})` });
  });
});

/** A seed file that cannot be used; the message names the file and each bad entry by index and id. */
export class KioskSitesError extends Error {
  override name = 'KioskSitesError';
}

const DEFAULT_FILE = new URL('../../data/kiosk-sites.json', import.meta.url);

/** How many problems a message lists: enough to fix a file in one go, short enough to read. */
const MAX_LISTED = 10;

/** "entry 5 (DA-03).lat" for an issue inside an entry, naming the entry by its id when it has one. */
function issuePlace(path: readonly PropertyKey[], data: unknown): string {
  const [index, ...rest] = path;
  if (typeof index !== 'number') return '(file)';
  const raw: unknown = Array.isArray(data) ? data[index] : undefined;
  const id = raw !== null && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? ` (${raw.id})` : '';
  return `entry ${index}${id}${rest.length > 0 ? `.${rest.map(String).join('.')}` : ''}`;
}

/** Validates parsed seed data; `source` names where it came from in the error. */
export function parseKioskSites(data: unknown, source: string): KioskSiteSeed[] {
  const parsed = kioskSitesFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues.slice(0, MAX_LISTED).map((issue) => `  ${issuePlace(issue.path, data)}: ${issue.message}`);
  if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more`);
  throw new KioskSitesError(`Invalid kiosk sites in ${source}:\n${lines.join('\n')}`);
}

/**
 * Reads and validates the kiosk seed file (by default sfu-server/data/kiosk-sites.json). Throws a KioskSitesError
 * naming the file, and each bad entry by index and id, when it cannot be read, is not JSON or breaks the schema.
 */
export function loadKioskSites(path?: string): KioskSiteSeed[] {
  const file = path ?? fileURLToPath(DEFAULT_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KioskSitesError(`Cannot read kiosk sites from ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new KioskSitesError(`Kiosk sites file ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseKioskSites(data, file);
}
