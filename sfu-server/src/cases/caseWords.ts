import { dispatchItem, district as districtOf, type CaseService, type CaseStatus } from '@sign-relay/shared';
import type { OutboxBody, OutboxKind } from '../store/repositories/outboxRepository.ts';

/** The parts of a case a caller is shown or told (a draft's content or a stored case). */
export interface CaseWordsSource {
  service?: CaseService | undefined;
  dispatchItem?: string | null | undefined;
  district?: string | null | undefined;
  address?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  summary?: string | null | undefined;
  description?: string | null | undefined;
}

/** Longest text on the caller's read-back and receipt: short words, the rest is in the case. */
const TEXT_MAX = 280;

/** What the caller sees of a case (read-back and receipt): service, item, district, place, a short text. */
export function receiptOf(c: CaseWordsSource): { service: CaseService; dispatchItem: string | null; district: string | null; place: string | null; text: string } {
  const place = c.address?.trim() || (c.lat != null && c.lng != null ? `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}` : null);
  const text = (c.summary?.trim() || c.description?.trim() || '').slice(0, TEXT_MAX);
  return { service: c.service ?? 'consultation', dispatchItem: c.dispatchItem ?? null, district: c.district ?? null, place, text };
}

const SERVICE_WORDS: Record<CaseService, { zh: string; en: string }> = {
  consultation: { zh: '市政諮詢', en: 'consultation' },
  transfer: { zh: '轉接', en: 'transfer' },
  petition: { zh: '陳情', en: 'petition' },
  dispatch: { zh: '派工', en: 'dispatch' },
};

/** The SMS / e-mail text of a case change, in Chinese and English (short: one SMS each). */
export function caseMessage(kind: OutboxKind, number: string, c: CaseWordsSource, status: CaseStatus, publicNote: string | null): OutboxBody {
  const service = SERVICE_WORDS[c.service ?? 'consultation'];
  const item = c.dispatchItem ? dispatchItem(c.dispatchItem) : undefined;
  const where = c.district ? districtOf(c.district) : undefined;
  const whatZh = [item?.zh ?? service.zh, where?.zh].filter(Boolean).join('，');
  const whatEn = [item?.en ?? service.en, where?.en].filter(Boolean).join(', ');
  const note = publicNote ? { zh: ` ${publicNote}`, en: ` ${publicNote}` } : { zh: '', en: '' };
  switch (kind) {
    case 'case-filed':
      return { caseNumber: number, status, zh: `臺北市1999：您的案件 ${number} 已受理（${whatZh}）。`, en: `Taipei 1999: your case ${number} has been received (${whatEn}).` };
    case 'case-closed':
      return { caseNumber: number, status, zh: `臺北市1999：您的案件 ${number} 已結案。${note.zh}`.trim(), en: `Taipei 1999: your case ${number} has been closed.${note.en}` };
    case 'case-status': {
      const zh = status === 'in-progress' ? '處理中' : '已重新開啟';
      const en = status === 'in-progress' ? 'is being handled' : 'has been reopened';
      return { caseNumber: number, status, zh: `臺北市1999：您的案件 ${number} ${zh}。${note.zh}`.trim(), en: `Taipei 1999: your case ${number} ${en}.${note.en}` };
    }
  }
}
