/**
 * Which kiosk this is, and how long an untouched screen waits before the visit ends. Set once by an
 * administrator opening `/kiosk/?kiosk=<id>` (optionally `&idle=<seconds>`); kept in localStorage so a reboot
 * of the kiosk keeps it. Registering kiosks centrally comes with the fleet screens.
 */
import { KIOSK_ID_PATTERN } from '@sign-relay/relay-web/surface';
import type { SafeStorage } from '@sign-relay/relay-web/auth';

export const KIOSK_CONFIG_KEY = 'sign-relay.kiosk';
export const DEFAULT_IDLE_SEC = 120;
export const IDLE_RANGE_SEC = { min: 20, max: 3600 } as const;

export interface KioskConfig {
  kioskId: string;
  idleSec: number;
}

export type KioskConfigResult = { ok: true; config: KioskConfig } | { ok: false; reason: 'missing' | 'invalid' };

function idleOf(raw: string | null | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= IDLE_RANGE_SEC.min && n <= IDLE_RANGE_SEC.max ? n : DEFAULT_IDLE_SEC;
}

function stored(storage: SafeStorage): KioskConfig | null {
  try {
    const parsed = JSON.parse(storage.get(KIOSK_CONFIG_KEY) ?? 'null') as Partial<KioskConfig> | null;
    if (parsed && typeof parsed.kioskId === 'string' && KIOSK_ID_PATTERN.test(parsed.kioskId)) return { kioskId: parsed.kioskId, idleSec: idleOf(String(parsed.idleSec)) };
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

/** The address's `kiosk` (stored for next time) or the stored config; an id in the address that is not valid is refused. */
export function readKioskConfig(search: string, storage: SafeStorage): KioskConfigResult {
  const params = new URLSearchParams(search);
  const id = params.get('kiosk');
  if (id !== null) {
    if (!KIOSK_ID_PATTERN.test(id)) return { ok: false, reason: 'invalid' };
    const config = { kioskId: id, idleSec: idleOf(params.get('idle')) };
    storage.set(KIOSK_CONFIG_KEY, JSON.stringify(config));
    return { ok: true, config };
  }
  const config = stored(storage);
  return config ? { ok: true, config } : { ok: false, reason: 'missing' };
}
