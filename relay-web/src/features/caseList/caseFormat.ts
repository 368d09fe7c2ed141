/**
 * How the cases screens show a case's parts: times in Taipei, dispatch items and districts with their
 * Chinese names (the city's words) and, in English, the English words too; each status with an icon and a
 * tone (never colour alone); which status a supervisor may move a case to, and what a change still needs.
 * Pure functions; the words come from the catalogue and shared/.
 */
import { CASE_LIMITS, dispatchItem, district } from '@sign-relay/shared';
import type { CaseStatus } from '@sign-relay/shared';
import type { IconName } from '../../components/Icon.tsx';

/** The pill style (components/status.css `.pill--*`) and pictogram of each status. */
export const STATUS_APPEARANCE: Record<CaseStatus, { icon: IconName; tone: 'info' | 'waiting' | 'ok' }> = {
  open: { icon: 'bell', tone: 'info' },
  'in-progress': { icon: 'sync', tone: 'waiting' },
  closed: { icon: 'check', tone: 'ok' },
};

const TAIPEI_OFFSET_MS = 8 * 3_600_000;

/** A date and time in Taipei, `2026-12-01 14:05` (the same in both languages: staff compare them with the city's records). */
export function caseDateTime(ms: number): string {
  const iso = new Date(ms + TAIPEI_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A dispatch item as `D01 市區道路坑洞處理`, in English with its English words after; an unknown code as it is. */
export function itemLabel(code: string, language: string): string {
  const item = dispatchItem(code);
  if (!item) return code;
  return language === 'en' ? `${item.code} ${item.zh} (${item.en})` : `${item.code} ${item.zh}`;
}

/**
 * A district as `大安區`, in English `Da'an (大安區)` — or just `Da'an` where space is short (the list's
 * table); an unknown code as it is.
 */
export function districtLabel(code: string, language: string, short = false): string {
  const d = district(code);
  if (!d) return code;
  if (language !== 'en') return d.zh;
  return short ? d.en : `${d.en} (${d.zh})`;
}

/**
 * The statuses a supervisor may move a case to from `current`: forward only (open → in progress → closed;
 * an open case may be closed at once). Reopening a closed case is the city back office's step.
 */
export function nextStatuses(current: CaseStatus): CaseStatus[] {
  switch (current) {
    case 'open':
      return ['in-progress', 'closed'];
    case 'in-progress':
      return ['closed'];
    case 'closed':
      return [];
  }
}

/** Limits of the status change form, in characters (the route's). */
export const PUBLIC_NOTE_MAX = 500;
export const CLOSING_NOTE_MAX = CASE_LIMITS.closingNote;

export interface StatusChangeProblem {
  field: 'note' | 'publicNote';
  rule: 'closing-note-required' | 'too-long';
}

/** What keeps a status change from being sent: closing needs a note; both notes have a length limit. */
export function statusChangeProblems(change: { status: CaseStatus; note: string; publicNote: string }): StatusChangeProblem[] {
  const out: StatusChangeProblem[] = [];
  const note = change.note.trim();
  if (change.status === 'closed' && note === '') out.push({ field: 'note', rule: 'closing-note-required' });
  else if ([...note].length > CLOSING_NOTE_MAX) out.push({ field: 'note', rule: 'too-long' });
  if ([...change.publicNote.trim()].length > PUBLIC_NOTE_MAX) out.push({ field: 'publicNote', rule: 'too-long' });
  return out;
}

/** The body of a status change: notes trimmed, empty ones left out. */
export function statusChangeBody(change: { status: CaseStatus; note: string; publicNote: string }): { status: CaseStatus; note?: string; publicNote?: string } {
  const note = change.note.trim();
  const publicNote = change.publicNote.trim();
  return { status: change.status, ...(note ? { note } : {}), ...(publicNote ? { publicNote } : {}) };
}

/**
 * Whether a viewer sees a case's personal data: its own interpreter, supervisors and admins (the server
 * blanks it for anyone else; the screen says so rather than showing empty fields).
 */
export function seesPersonalData(viewer: { id: string; role: string }, caseInterpreterId: string | null): boolean {
  return viewer.role !== 'interpreter' || viewer.id === caseInterpreterId;
}

/** Below this width the cases screens show cards and a timeline instead of wide tables. */
export const CASES_NARROW = '(max-width: 700px)';
