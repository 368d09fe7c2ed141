/**
 * A date and time in Taipei (the service's time zone) as `YYYY-MM-DD HH:mm` (or with seconds), whatever the
 * browser's own zone: both the date and the time come from one formatter with `timeZone: 'Asia/Taipei'`, so
 * 03:23 on 1 December in Taipei never reads as 30 November (the UTC date) with Taipei's time.
 */

const formats = new Map<boolean, Intl.DateTimeFormat>();

function formatter(seconds: boolean): Intl.DateTimeFormat {
  let f = formats.get(seconds);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Taipei',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formats.set(seconds, f);
  }
  return f;
}

/** `2026-12-01 03:23` for an instant (ms since the epoch, or an ISO string); `opts.seconds` adds `:ss`. */
export function taipeiDateTime(at: number | string, opts: { seconds?: boolean } = {}): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return '';
  const seconds = opts.seconds ?? false;
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter(seconds).formatToParts(ms)) part[p.type] = p.value;
  const time = `${part.hour}:${part.minute}${seconds ? `:${part.second}` : ''}`;
  return `${part.year}-${part.month}-${part.day} ${time}`;
}
