/**
 * The case tables' rows as the repository reads and writes them, and their mapping to the shapes the API
 * answers with (a list's summary without personal data, a case in full).
 */
import type { CallId, CaseDetail, ChatSessionId, CaseDraft, CaseHistoryEntry, CaseService, CaseSource, CaseStatus, CaseSummary, EntryId, GuestId, ReadBack, ReadBackAnswer, TransferOutcome, UserId } from '@sign-relay/shared';

/** What a case form belongs to: a video call, a text chat or a call-back request. */
export type RefKind = 'call' | 'chat' | 'callback';

/**
 * The call, chat or call-back request a case form belongs to, with what the caller chose and who answered (for a
 * call-back: who took it).
 */
export interface RefRow {
  guestId: GuestId;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  /** Whether the kiosk proved it is that kiosk (a call-back request does not keep it: never). */
  kioskVerified: boolean;
  topic: string | null;
  interpreterId: UserId | null;
  callId: CallId | null;
  callRecordId: EntryId | null;
  chatSessionId: ChatSessionId | null;
  callbackName: string | null;
  callbackPhone: string | null;
  callbackEmail: string | null;
  /** A call-back request's note (the caller's own words), and whether the request is closed. */
  callbackNote?: string | null;
  closed?: boolean;
}

export interface KioskRow {
  id: string;
  nameZh: string;
  nameEn: string;
  district: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

export interface DraftRow {
  data: CaseDraft;
  version: number;
  readBackId: string | null;
  readBackDigest: string | null;
  readBackBody: ReadBack | null;
  readBackSentAt: Date | null;
  readBackAnswer: ReadBackAnswer | null;
  readBackAnsweredAt: Date | null;
}

/** A case as stored (all of it, personal data included). */
export interface CaseRow {
  id: string;
  number: string;
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  description: string | null;
  summary: string | null;
  agency: string | null;
  transferOutcome: TransferOutcome | null;
  callerName: string | null;
  callerPhone: string | null;
  callerEmail: string | null;
  status: CaseStatus;
  statusNote: string | null;
  source: CaseSource;
  channel: 'web' | 'kiosk' | null;
  kioskId: string | null;
  guestId: GuestId | null;
  callId: CallId | null;
  callRecordId: EntryId | null;
  chatSessionId: ChatSessionId | null;
  interpreterId: UserId | null;
  interpreterName: string | null;
  apiKeyId: string | null;
  readBackAnswer: ReadBackAnswer | null;
  readBackAt: Date | null;
  readBackSkipReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: UserId | null;
  closedByName: string | null;
  closingNote: string | null;
}

/** What a filing writes: the content, where it came from and its read-back, as the case row stores them. */
export interface NewCaseRow
  extends Pick<
    CaseRow,
    'id' | 'service' | 'source' | 'channel' | 'kioskId' | 'guestId' | 'callId' | 'callRecordId' | 'chatSessionId' | 'interpreterId' | 'apiKeyId' | 'readBackAnswer' | 'readBackAt' | 'readBackSkipReason'
  > {
  day: string;
  content: CaseDraft;
  deviceId: string | null;
  mediaUrl: string | null;
  clientKey: string;
  at: Date;
}

/** A case without personal data, as lists show it. */
export function toSummary(r: CaseRow): CaseSummary {
  return {
    id: r.id,
    number: r.number,
    service: r.service,
    dispatchItem: r.dispatchItem,
    district: r.district,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    status: r.status,
    source: r.source,
    channel: r.channel,
    kioskId: r.kioskId,
    interpreterId: r.interpreterId,
    interpreterName: r.interpreterName,
    createdAt: r.createdAt.getTime(),
    updatedAt: r.updatedAt.getTime(),
    closedAt: r.closedAt?.getTime() ?? null,
  };
}

/** A case in full; `personal: false` blanks the caller's name, phone and e-mail. */
export function toDetail(r: CaseRow, history: CaseHistoryEntry[], personal: boolean): CaseDetail {
  return {
    ...toSummary(r),
    description: r.description,
    summary: r.summary,
    agency: r.agency,
    transferOutcome: r.transferOutcome,
    callerName: personal ? r.callerName : null,
    callerPhone: personal ? r.callerPhone : null,
    callerEmail: personal ? r.callerEmail : null,
    callId: r.callId,
    callRecordId: r.callRecordId,
    chatSessionId: r.chatSessionId,
    readBack: { answer: r.readBackAnswer, answeredAt: r.readBackAt?.getTime() ?? null, skippedReason: r.readBackSkipReason },
    closingNote: r.closingNote,
    statusNote: r.statusNote,
    closedBy: r.closedByName,
    history,
  };
}
