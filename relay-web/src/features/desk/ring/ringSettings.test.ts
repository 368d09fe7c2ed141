import { describe, expect, it } from 'vitest';
import { DEFAULT_RING_SETTINGS, deskRings, notifying, parseRingSettings, ringChanges } from './ringSettings.ts';
import type { Ring } from './ringSettings.ts';

describe('ring settings', () => {
  it('starts with sound and notifications off', () => {
    expect(DEFAULT_RING_SETTINGS).toEqual({ sound: false, notify: false });
    expect(parseRingSettings(null)).toEqual(DEFAULT_RING_SETTINGS);
  });

  it('reads what was stored, and only true as on', () => {
    expect(parseRingSettings('{"sound":true,"notify":false}')).toEqual({ sound: true, notify: false });
    expect(parseRingSettings('{"sound":"yes","notify":1}')).toEqual({ sound: false, notify: false });
    expect(parseRingSettings('not json')).toEqual(DEFAULT_RING_SETTINGS);
    expect(parseRingSettings('null')).toEqual(DEFAULT_RING_SETTINGS);
  });

  it('notifies only when chosen and allowed by the browser', () => {
    expect(notifying({ sound: false, notify: true }, 'granted')).toBe(true);
    expect(notifying({ sound: false, notify: true }, 'denied')).toBe(false);
    expect(notifying({ sound: false, notify: true }, 'default')).toBe(false);
    expect(notifying({ sound: false, notify: true }, 'unsupported')).toBe(false);
    expect(notifying({ sound: true, notify: false }, 'granted')).toBe(false);
  });

  it('tells which rings started and which ended', () => {
    const ring = (id: string, kind: Ring['kind'] = 'video'): Ring => ({ id, kind, topic: null, channel: 'web', kioskId: null });
    expect(ringChanges([], [ring('a')])).toEqual({ started: [ring('a')], ended: [] });
    expect(ringChanges([ring('a'), ring('b', 'chat')], [ring('b', 'chat'), ring('c', 'chat')])).toEqual({ started: [ring('c', 'chat')], ended: ['a'] });
    expect(ringChanges([ring('a')], [])).toEqual({ started: [], ended: ['a'] });
  });

  it('lists the video call ringing first, then the text chats', () => {
    const rings = deskRings({ entryId: 'e1', topic: 'dispatch', channel: 'kiosk', kioskId: 'K-1' }, [{ sessionId: 's1', topic: null, channel: 'web', kioskId: null }]);
    expect(rings).toEqual([
      { id: 'e1', kind: 'video', topic: 'dispatch', channel: 'kiosk', kioskId: 'K-1' },
      { id: 's1', kind: 'chat', topic: null, channel: 'web', kioskId: null },
    ]);
    expect(deskRings(null, [])).toEqual([]);
  });
});
