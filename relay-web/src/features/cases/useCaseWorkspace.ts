/**
 * The case form of one call or chat over the signaling connection: opens the workspace (the draft the server
 * keeps, the read-back, the caller's context), saves edits as they are typed (DraftSaver: a pause, one save at
 * a time), saves again after a reconnection, reloads on a CONFLICT (a colleague saved a newer version), sends
 * the read-back, hears the caller's answer, and files — with a client key kept in sessionStorage until the
 * answer arrives, so a resend (a retry, a reload mid-filing) never files twice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseContext, CaseDraft, CaseProblem, CaseRef, CaseRule, CaseSummary, CaseWorkspace, ReadBackState } from '@sign-relay/shared';
import { CASE_RULES } from '@sign-relay/shared';
import { session } from '../../auth/TokenSource.ts';
import { errorCodeOf, errorDetailsOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../../signaling/socket.ts';
import { newClientKey } from '../../chat/outbox.ts';
import { caseRefKey, sameRef } from './caseRef.ts';
import { DraftSaver } from './draftSaver.ts';
import type { SaveState } from './draftSaver.ts';

/** The socket as this hook uses it (the real one, or a fake in tests). */
export type CaseSocket = Pick<SignalingSocket, 'on' | 'off' | 'connected'> & Parameters<typeof request>[0];

export interface FiledCase {
  number: string;
  duplicate: boolean;
  filedAt: number;
}

export interface CaseWorkspaceModel {
  phase: 'loading' | 'ready' | 'failed';
  loadError: RequestErrorCode | null;
  context: CaseContext | null;
  /** Cases filed from this call or chat. */
  filedHere: CaseSummary[];
  draft: CaseDraft;
  save: SaveState;
  readBack: ReadBackState | null;
  busy: 'read-back' | 'file' | null;
  /** What the server refused the last read-back or filing for (rule by field). */
  serverProblems: CaseProblem[];
  actionError: RequestErrorCode | null;
  /** The case filed last from this form (its number, shown large). */
  filed: FiledCase | null;
  /** The form was reloaded because a colleague saved a newer version. */
  reloaded: boolean;
}

export interface CaseWorkspaceActions {
  change(patch: Partial<CaseDraft>): void;
  sendReadBack(): void;
  /** Files the case; `skipReason` when the caller could not confirm it. */
  file(skipReason?: string): void;
  retry(): void;
  dismissFiled(): void;
}

const EDIT_KEY = 'sign-relay.caseEdit.';
const FILING_KEY = 'sign-relay.caseFiling.';

interface StoredEdit {
  baseVersion: number;
  draft: CaseDraft;
}
interface StoredFiling {
  clientKey: string;
  reason: string | null;
}

function readJson<T>(key: string): T | null {
  const raw = session.get(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

const RULES: ReadonlySet<string> = new Set(CASE_RULES);

/** The server's rule details as problems (unknown rules are dropped: the form shows the code's message). */
export function problemsOf(details: readonly { field: string; rule: string }[]): CaseProblem[] {
  return details.filter((d) => RULES.has(d.rule)).map((d) => ({ field: d.field as CaseProblem['field'], rule: d.rule as CaseRule }));
}

const INITIAL: CaseWorkspaceModel = {
  phase: 'loading',
  loadError: null,
  context: null,
  filedHere: [],
  draft: {},
  save: 'saved',
  readBack: null,
  busy: null,
  serverProblems: [],
  actionError: null,
  filed: null,
  reloaded: false,
};

export function useCaseWorkspace(socket: CaseSocket | null, ref: CaseRef): CaseWorkspaceModel & CaseWorkspaceActions {
  const key = caseRefKey(ref);
  const [model, setModel] = useState<CaseWorkspaceModel>(INITIAL);
  const modelRef = useRef(model);
  modelRef.current = model;
  const patch = useCallback((p: Partial<CaseWorkspaceModel> | ((m: CaseWorkspaceModel) => Partial<CaseWorkspaceModel>)) => {
    setModel((m) => ({ ...m, ...(typeof p === 'function' ? p(m) : p) }));
  }, []);
  const refRef = useRef(ref);
  refRef.current = ref;
  const saver = useRef<DraftSaver | null>(null);
  const fileRef = useRef<(reason?: string, resend?: StoredFiling) => void>(() => undefined);

  const load = useCallback(
    async (s: CaseSocket, why: 'open' | 'conflict' | 'filed' | 'refresh'): Promise<void> => {
      let ws: CaseWorkspace;
      try {
        ws = await request(s, 'case:open', { ref: refRef.current });
      } catch (error) {
        if (why === 'open') patch({ phase: 'failed', loadError: errorCodeOf(error) });
        return;
      }
      // Typed while this was on its way: what is on screen is newer, and saves over it.
      if (why === 'refresh' && saver.current?.pending) return;
      // An edit typed just before a reload, made on what the server still has, is taken up again.
      const stored = why === 'open' ? readJson<StoredEdit>(EDIT_KEY + key) : null;
      const resume = stored && stored.baseVersion === ws.version ? stored.draft : null;
      if (!resume) session.remove(EDIT_KEY + key);
      saver.current?.reset(ws.version);
      patch({
        phase: 'ready',
        loadError: null,
        context: ws.context,
        filedHere: ws.filed,
        draft: resume ?? ws.draft,
        readBack: ws.readBack,
        reloaded: why === 'conflict',
        serverProblems: [],
      });
      if (resume) saver.current?.edit(resume);
      const filing = why === 'open' ? readJson<StoredFiling>(FILING_KEY + key) : null;
      if (filing) fileRef.current(filing.reason ?? undefined, filing);
    },
    [key, patch],
  );

  useEffect(() => {
    if (!socket) return;
    const s = socket;
    const ds = new DraftSaver(0, {
      send: (draft, baseVersion) => request(s, 'case:saveDraft', { ref: refRef.current, draft, baseVersion }),
      onSaved: ({ readBack }) => {
        if (!ds.pending) session.remove(EDIT_KEY + key);
        patch({ readBack });
      },
      onState: (state) => patch({ save: state }),
      onConflict: () => {
        session.remove(EDIT_KEY + key);
        void load(s, 'conflict');
      },
    });
    saver.current = ds;
    let opened = false;
    const onConnect = (): void => {
      if (!opened || modelRef.current.phase !== 'ready') {
        opened = true;
        void load(s, 'open');
        return;
      }
      // Back after a drop: what was typed meanwhile goes out on the last version; with nothing unsaved, the
      // form is read again (the caller may have answered the read-back, a colleague may have saved).
      if (ds.pending) void ds.flush();
      else void load(s, 'refresh');
    };
    const onAnswered = (p: { ref: CaseRef; readBack: ReadBackState }): void => {
      if (sameRef(p.ref, refRef.current)) patch({ readBack: p.readBack });
    };
    const onDisconnect = (): void => {
      if (ds.pending) patch({ save: 'offline' });
    };
    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('case:readBackAnswered', onAnswered);
    if (s.connected) onConnect();
    return () => {
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('case:readBackAnswered', onAnswered);
      // Leaving the form (the call ended, the card closed) still saves what was typed last.
      void ds.flush().finally(() => ds.close());
      saver.current = null;
    };
  }, [socket, key, load, patch]);

  const change = useCallback(
    (p: Partial<CaseDraft>) => {
      const next = { ...modelRef.current.draft, ...p };
      for (const k of Object.keys(p) as (keyof CaseDraft)[]) if (next[k] === undefined) delete next[k];
      modelRef.current = { ...modelRef.current, draft: next };
      patch({ draft: next, reloaded: false, serverProblems: [], actionError: null });
      const ds = saver.current;
      if (!ds) return;
      session.set(EDIT_KEY + key, JSON.stringify({ baseVersion: ds.baseVersion, draft: next } satisfies StoredEdit));
      ds.edit(next);
    },
    [key, patch],
  );

  const refused = (error: unknown): Partial<CaseWorkspaceModel> => ({ busy: null, actionError: errorCodeOf(error), serverProblems: problemsOf(errorDetailsOf(error)) });

  const sendReadBack = useCallback(() => {
    const ds = saver.current;
    if (!socket || !ds || modelRef.current.busy) return;
    patch({ busy: 'read-back', actionError: null, serverProblems: [] });
    void (async () => {
      // The caller is shown what the server holds: save what was typed first.
      if (!(await ds.flush())) {
        patch({ busy: null, actionError: 'UNAVAILABLE' });
        return;
      }
      try {
        const readBack = await request(socket, 'case:readBack', { ref: refRef.current });
        patch({ busy: null, readBack });
      } catch (error) {
        patch(refused(error));
      }
    })();
  }, [socket, patch]);

  const file = useCallback(
    (reason?: string, resend?: StoredFiling) => {
      const ds = saver.current;
      if (!socket || !ds || (modelRef.current.busy && !resend)) return;
      // One key per filing attempt, kept until the server answers: a resend is the same filing.
      const filing: StoredFiling = resend ?? readJson<StoredFiling>(FILING_KEY + key) ?? { clientKey: newClientKey(), reason: reason?.trim() || null };
      const attempt: StoredFiling = { clientKey: filing.clientKey, reason: reason?.trim() || filing.reason };
      session.set(FILING_KEY + key, JSON.stringify(attempt));
      patch({ busy: 'file', actionError: null, serverProblems: [] });
      void (async () => {
        if (!(await ds.flush())) {
          patch({ busy: null, actionError: 'UNAVAILABLE' });
          return;
        }
        try {
          const r = await request(socket, 'case:file', { ref: refRef.current, clientKey: attempt.clientKey, ...(attempt.reason ? { skipReadBackReason: attempt.reason } : {}) });
          session.remove(FILING_KEY + key);
          patch({ busy: null, filed: { number: r.case.number, duplicate: r.duplicate, filedAt: r.case.createdAt } });
          // The server starts the form afresh after filing (a second case from the same call is possible).
          await load(socket, 'filed');
        } catch (error) {
          const code = errorCodeOf(error);
          // No answer: the filing may have happened; the same key asks again. Any answer ends this attempt.
          if (code !== 'TIMEOUT' && code !== 'UNAVAILABLE') session.remove(FILING_KEY + key);
          patch(refused(error));
        }
      })();
    },
    [socket, key, patch, load],
  );
  fileRef.current = file;

  const retry = useCallback(() => {
    if (!socket) return;
    patch({ phase: 'loading', loadError: null });
    void load(socket, 'open');
  }, [socket, load, patch]);

  const dismissFiled = useCallback(() => patch({ filed: null }), [patch]);

  return { ...model, change, sendReadBack, file: (reason?: string) => file(reason), retry, dismissFiled };
}
