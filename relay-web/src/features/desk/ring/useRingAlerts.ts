/**
 * The extra ring alerts the interpreter chose: a chime repeating while anything rings, and one system
 * notification per ring (topic and source; a click brings the desk's tab forward; closed when the ring
 * ends). The screen's flashing and the tab title never depend on these.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_TOPICS } from '@sign-relay/shared';
import { playChime, unlockChime } from './chime.ts';
import { notifying, parseRingSettings, RING_SETTINGS_KEY, ringChanges } from './ringSettings.ts';
import type { NotifyPermission, Ring, RingSettings } from './ringSettings.ts';
import { callerSourceLabel } from '../callerSource.ts';

/** The chime repeats this often while ringing. */
const CHIME_EVERY_MS = 2_500;

function currentPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function readSettings(): RingSettings {
  try {
    return parseRingSettings(localStorage.getItem(RING_SETTINGS_KEY));
  } catch {
    return parseRingSettings(null);
  }
}

export interface RingAlerts {
  settings: RingSettings;
  permission: NotifyPermission;
  /** The chime could not play (the browser waits for a click on the page first). */
  soundBlocked: boolean;
  setSound(on: boolean): void;
  /** Turning on asks the browser's permission first (only then); refused, it stays off. */
  setNotify(on: boolean): Promise<void>;
  testSound(): void;
}

export function useRingAlerts(rings: readonly Ring[]): RingAlerts {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<RingSettings>(readSettings);
  const [permission, setPermission] = useState<NotifyPermission>(currentPermission);
  const [soundBlocked, setSoundBlocked] = useState(false);

  const save = useCallback((next: RingSettings) => {
    setSettings(next);
    try {
      localStorage.setItem(RING_SETTINGS_KEY, JSON.stringify(next));
    } catch {
      // Private mode without storage: the choice lasts this visit.
    }
  }, []);

  // Permission can change in the browser's site settings: read it again whenever the tab comes back.
  useEffect(() => {
    const reread = (): void => setPermission(currentPermission());
    window.addEventListener('focus', reread);
    document.addEventListener('visibilitychange', reread);
    return () => {
      window.removeEventListener('focus', reread);
      document.removeEventListener('visibilitychange', reread);
    };
  }, []);

  // The browser lets a page play sound only after it was used: any click or key on the desk unlocks it.
  useEffect(() => {
    if (!settings.sound) return;
    const unlock = (): void => {
      void unlockChime().then(() => setSoundBlocked(false));
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [settings.sound]);

  const ringing = rings.length > 0;
  useEffect(() => {
    if (!ringing || !settings.sound) return;
    const chime = (): void => setSoundBlocked(!playChime());
    chime();
    const timer = setInterval(chime, CHIME_EVERY_MS);
    return () => clearInterval(timer);
  }, [ringing, settings.sound]);

  // One notification per ring, closed when that ring ends (answered, declined, timed out, withdrawn).
  const shown = useRef(new Map<string, Notification>());
  const previous = useRef<readonly Ring[]>([]);
  const on = notifying(settings, permission);
  useEffect(() => {
    const { started, ended } = ringChanges(previous.current, rings);
    previous.current = rings;
    for (const id of ended) {
      shown.current.get(id)?.close();
      shown.current.delete(id);
    }
    if (!on) return;
    for (const r of started) {
      const topic = r.topic && (SERVICE_TOPICS as readonly string[]).includes(r.topic) ? t(`topics.${r.topic as (typeof SERVICE_TOPICS)[number]}.name`) : t('offer.noTopic');
      const source = callerSourceLabel(t, r);
      try {
        const n = new Notification(`【${t(r.kind === 'video' ? 'deskRing.notifyVideo' : 'deskRing.notifyChat')}】`, {
          body: t('deskRing.notifyBody', { topic, source }),
          tag: `sign-relay-ring-${r.id}`,
          requireInteraction: true,
        });
        n.onclick = () => {
          window.focus();
          n.close();
        };
        shown.current.set(r.id, n);
      } catch {
        // Some browsers allow notifications only from a service worker: the screen still flashes.
      }
    }
  }, [rings, on, t]);

  // Turned off or leaving the desk: nothing stays on the system's screen.
  useEffect(() => {
    const map = shown.current;
    if (on) return;
    for (const n of map.values()) n.close();
    map.clear();
  }, [on]);
  useEffect(() => {
    const map = shown.current;
    return () => {
      for (const n of map.values()) n.close();
      map.clear();
    };
  }, []);

  const setSound = useCallback(
    (value: boolean) => {
      if (value) void unlockChime();
      save({ ...settings, sound: value });
    },
    [save, settings],
  );

  const setNotify = useCallback(
    async (value: boolean) => {
      if (!value) {
        save({ ...settings, notify: false });
        return;
      }
      let p = currentPermission();
      if (p === 'default') p = await Notification.requestPermission();
      setPermission(p);
      save({ ...settings, notify: p === 'granted' });
    },
    [save, settings],
  );

  const testSound = useCallback(() => {
    void unlockChime().then(() => setSoundBlocked(!playChime()));
  }, []);

  return { settings, permission, soundBlocked, setSound, setNotify, testSound };
}
