import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, type HoursException, type ServiceHours } from '@sign-relay/shared';
import { isValidTimeZone, parseServiceHours } from './hoursSchema.ts';

const base = (): ServiceHours => JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
const typhoon = (over: Partial<HoursException> = {}): HoursException => ({
  id: 'typhoon-0901',
  date: '2026-09-01',
  services: ['video'],
  kind: 'closed',
  message: { 'zh-TW': '颱風停班，視訊服務暫停', en: 'Typhoon: video closed' },
  ...over,
});

/** The message for an invalid document (fails the test when it is valid). */
function problem(hours: unknown): string {
  const r = parseServiceHours(hours);
  if (r.ok) throw new Error('expected the hours to be refused');
  return r.message;
}

describe('parseServiceHours', () => {
  it('accepts the default hours and a full set of exceptions', () => {
    expect(parseServiceHours(base())).toEqual({ ok: true, hours: base() });
    const hours = base();
    hours.video[0] = [];
    hours.video[6] = [{ open: '09:00', close: '12:00' }, { open: '12:00', close: '17:00' }];
    hours.exceptions = [
      typhoon(),
      typhoon({ id: 'drill', date: '2026-09-02', ranges: [{ open: '12:00', close: '14:00' }] }),
      typhoon({ id: 'special', date: '2026-07-19', kind: 'open', ranges: [{ open: '10:00', close: '14:00' }] }),
      typhoon({ id: 'national-day', date: '2026-10-10', services: ['video', 'text'] }),
    ];
    expect(parseServiceHours(hours).ok).toBe(true);
  });

  it('trims messages', () => {
    const r = parseServiceHours({ ...base(), exceptions: [typhoon({ message: { 'zh-TW': '  颱風  ', en: ' Typhoon ' } })] });
    expect(r.ok && r.hours.exceptions[0]?.message).toEqual({ 'zh-TW': '颱風', en: 'Typhoon' });
  });

  const cases: [string, (h: ServiceHours) => unknown, RegExp][] = [
    ['a malformed time', (h) => ((h.video[1] = [{ open: '9:00', close: '18:00' }]), h), /video Monday range 1 open: must be a time HH:MM/],
    ['minutes past 59', (h) => ((h.video[1] = [{ open: '09:60', close: '18:00' }]), h), /video Monday range 1 open: must be a time HH:MM/],
    ['close after 24:00', (h) => ((h.text[2] = [{ open: '00:00', close: '24:30' }]), h), /text Tuesday range 1 close: must be a time/],
    ['close not after open', (h) => ((h.video[3] = [{ open: '18:00', close: '09:00' }]), h), /video Wednesday range 1 close: close must be later than open/],
    ['an empty range', (h) => ((h.video[3] = [{ open: '09:00', close: '09:00' }]), h), /close must be later than open/],
    ['ranges out of order', (h) => ((h.video[4] = [{ open: '13:00', close: '18:00' }, { open: '09:00', close: '12:00' }]), h), /video Thursday range 2 open: ranges must be in order and must not overlap \(this one opens at 09:00, before the one before it closes at 18:00\)/],
    ['overlapping ranges', (h) => ((h.video[5] = [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }]), h), /video Friday range 2 open: ranges must be in order/],
    ['a missing weekday', (h) => ((delete (h.video as Partial<ServiceHours['video']>)[6]), h), /video Saturday/],
    ['an unknown weekday key', (h) => ({ ...h, text: { ...h.text, 7: [] } }), /Unrecognized key/],
    ['an unknown zone', (h) => ({ ...h, timeZone: 'Asia/Taipai' }), /timeZone: must be an IANA time zone/],
    ['an offset instead of a zone', (h) => ({ ...h, timeZone: '+08:00' }), /timeZone: must be an IANA time zone/],
    ['an unknown top-level key', (h) => ({ ...h, holidays: [] }), /Unrecognized key/],
    ['a bad date', (h) => ({ ...h, exceptions: [typhoon({ date: '2026/09/01' })] }), /exception 1 date: must be a date YYYY-MM-DD/],
    ['an impossible date', (h) => ({ ...h, exceptions: [typhoon({ date: '2026-02-30' })] }), /exception 1 date: is not a real calendar date/],
    ['an unknown service', (h) => ({ ...h, exceptions: [typhoon({ services: ['phone' as 'video'] })] }), /exception 1 services 0/],
    ['no services', (h) => ({ ...h, exceptions: [typhoon({ services: [] })] }), /exception 1 services: must name at least one service/],
    ['a repeated service', (h) => ({ ...h, exceptions: [typhoon({ services: ['video', 'video'] })] }), /must not repeat a service/],
    ['an opening without hours', (h) => ({ ...h, exceptions: [typhoon({ kind: 'open' })] }), /exception 1 ranges: a special opening needs its opening hours/],
    ['an empty list of ranges', (h) => ({ ...h, exceptions: [typhoon({ ranges: [] })] }), /must hold at least one range/],
    ['overlapping exception ranges', (h) => ({ ...h, exceptions: [typhoon({ ranges: [{ open: '10:00', close: '12:00' }, { open: '11:00', close: '13:00' }] })] }), /exception 1 range 2 open: ranges must be in order/],
    ['an empty message', (h) => ({ ...h, exceptions: [typhoon({ message: { 'zh-TW': '   ', en: 'x' } })] }), /exception 1 message zh-TW: must not be empty/],
    ['a long message', (h) => ({ ...h, exceptions: [typhoon({ message: { 'zh-TW': '颱'.repeat(501), en: 'x' } })] }), /message zh-TW: must be at most 500 characters/],
    ['a missing translation', (h) => ({ ...h, exceptions: [{ ...typhoon(), message: { 'zh-TW': '颱風' } }] }), /exception 1 message en/],
    ['a bad id', (h) => ({ ...h, exceptions: [typhoon({ id: 'has space' })] }), /exception 1 id: must be 1–64 letters/],
    ['a repeated id', (h) => ({ ...h, exceptions: [typhoon(), typhoon({ date: '2026-09-02' })] }), /exception 2 id: "typhoon-0901" is already the id of exception 1/],
    ['two exceptions on one date and service', (h) => ({ ...h, exceptions: [typhoon(), typhoon({ id: 'other', services: ['text', 'video'] })] }), /exception 2 services: 2026-09-01 already has an exception for video \("typhoon-0901"\); edit that one instead/],
    ['too many exceptions', (h) => ({ ...h, exceptions: Array.from({ length: 501 }, (_, i) => typhoon({ id: `e${i}`, date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10) })) }), /exceptions: at most 500 exceptions/],
    ['not an object', () => 'hours', /Invalid service hours: .*object/],
  ];

  it.each(cases)('refuses %s with a readable message', (_name, mutate, expected) => {
    const message = problem(mutate(base()));
    expect(message).toMatch(/^Invalid service hours: /);
    expect(message).toMatch(expected);
    expect(message.length).toBeLessThanOrEqual(400);
  });

  it('takes 500 exceptions', () => {
    const exceptions = Array.from({ length: 500 }, (_, i) => typhoon({ id: `e${i}`, date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10) }));
    expect(parseServiceHours({ ...base(), exceptions }).ok).toBe(true);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Taipei', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT-8', true],
    ['Asia/Taipai', false],
    ['+08:00', false],
    ['', false],
    ['Asia/Taipei; DROP', false],
  ] as const)('%s → %s', (zone, ok) => {
    expect(isValidTimeZone(zone)).toBe(ok);
  });
});
