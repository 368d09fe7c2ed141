/**
 * Pure helpers of the API-key and audit screens: Taipei date-times, the audit's paging cursors, and what an
 * audit entry shows (its action's words, its case, its other details). The words come from the catalogue.
 */
import type { AuditEntry } from '@sign-relay/shared';

/** An instant as `YYYY-MM-DD HH:mm` in Taipei (UTC+8, no daylight saving), the same in both languages. */
export function taipeiDateTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Audit actions the screens have words for, by catalogue key (`cityApi.audit.action.<key>`). */
export const AUDIT_ACTION_KEYS = {
  'case.file': 'caseFile',
  'case.status': 'caseStatus',
  'case.view-personal': 'caseViewPersonal',
  'case.export': 'caseExport',
  'apikey.issue': 'apikeyIssue',
  'apikey.revoke': 'apikeyRevoke',
} as const;
export type AuditActionKey = (typeof AUDIT_ACTION_KEYS)[keyof typeof AUDIT_ACTION_KEYS];

/** The catalogue key of an action, or null for one these screens do not know yet (shown by its code). */
export function auditActionKey(action: string): AuditActionKey | null {
  return Object.hasOwn(AUDIT_ACTION_KEYS, action) ? AUDIT_ACTION_KEYS[action as keyof typeof AUDIT_ACTION_KEYS] : null;
}

/** What the case column shows: the case number the entry names, else the start of the case's id. */
export function auditCase(e: AuditEntry): string | null {
  const number = e.details.number;
  if (typeof number === 'string') return number;
  return e.caseId ? `${e.caseId.slice(0, 8)}…` : null;
}

/** The details an entry shows as `name: value` (the case number is in its own column); objects in compact JSON. */
export function auditDetails(e: AuditEntry): { name: string; value: string }[] {
  return Object.entries(e.details)
    .filter(([name]) => name !== 'number')
    .map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}

/**
 * Paging newest first by id: each page is read `before` the last id of the page above it. The stack holds
 * the cursor of every page opened so far (undefined for the first), so "newer" goes back exactly.
 */
export interface AuditPaging {
  cursors: (number | undefined)[];
}

export const firstPage = (): AuditPaging => ({ cursors: [undefined] });
export const pageNumber = (p: AuditPaging): number => p.cursors.length;
export const currentCursor = (p: AuditPaging): number | undefined => p.cursors[p.cursors.length - 1];
export const olderPage = (p: AuditPaging, lastIdShown: number): AuditPaging => ({ cursors: [...p.cursors, lastIdShown] });
export const newerPage = (p: AuditPaging): AuditPaging => (p.cursors.length > 1 ? { cursors: p.cursors.slice(0, -1) } : p);

/** The entries of one page, read with one more than shown: whether there are older ones. */
export function splitPage(rows: AuditEntry[], size: number): { shown: AuditEntry[]; hasOlder: boolean } {
  return { shown: rows.slice(0, size), hasOlder: rows.length > size };
}
