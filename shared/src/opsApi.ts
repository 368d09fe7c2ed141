/**
 * Operations: liveness and readiness (for the process supervisor and load balancer), what the media layer
 * holds for a call, and what the log notifier "sent". Declared once (see `http.ts`); no web app calls them.
 */
import { z } from 'zod';
import { httpRoute } from './http.ts';
import { idOf, type CallId } from './ids.ts';

/** What the media layer holds for a call, read back from the mediasoup worker itself. */
export interface CallMediaStats {
  callId: CallId;
  active: boolean;
  routerAlive: boolean;
  transports: number;
  producers: number;
  consumers: number;
}

/** 200 when every mediasoup worker is up, else 503 with the same body. */
export interface Readiness {
  ok: boolean;
  workers: { live: number; expected: number };
  activeCalls: number;
}

/** A message the log notifier delivered (no gateway configured); the recipient is masked in production. */
export interface SentNotificationView {
  outboxId: string;
  caseId: string | null;
  kind: 'case-filed' | 'case-status' | 'case-closed';
  channel: 'sms' | 'email';
  recipient: string;
  body: { caseNumber: string; status: string; zh: string; en: string };
  /** ISO time. */
  at: string;
}

/** Every operations route. */
export const opsRoutes = {
  health: httpRoute<{ ok: true }>()({ method: 'GET', path: '/healthz', access: 'public' }),
  ready: httpRoute<Readiness>()({ method: 'GET', path: '/readyz', access: 'public' }),
  callMedia: httpRoute<CallMediaStats>()({
    method: 'GET',
    path: '/api/ops/calls/:callId/media',
    access: 'ops',
    params: z.object({ callId: idOf<CallId>() }),
  }),
  /** Oldest first. */
  notifications: httpRoute<SentNotificationView[]>()({ method: 'GET', path: '/api/ops/notifications', access: 'ops' }),
} as const;
