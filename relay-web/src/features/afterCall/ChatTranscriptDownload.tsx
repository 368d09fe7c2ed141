/**
 * The end of a text chat on a personal device: "下載對話紀錄" keeps the conversation as a .txt made in the
 * browser (Taipei times, the interpreter's name, this visit's case numbers). On a kiosk nothing is offered:
 * the conversation stays on screen to read until the visit ends, and nothing is stored there.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseReceipt, ChatMessage } from '@sign-relay/shared';
import { useSurface } from '../../surface/surface.ts';
import { DownloadButton, saveText } from './CallSummary.tsx';
import { transcriptFileName, transcriptText } from './transcript.ts';

interface Props {
  messages: readonly ChatMessage[];
  /** The chat's interpreter, when one answered. */
  interpreterName: string | null;
  /** When the chat began (the server's record). */
  startedAt: number | null;
  receipts: readonly CaseReceipt[];
}

export function ChatTranscriptDownload({ messages, interpreterName, startedAt, receipts }: Props): ReactElement | null {
  const { t } = useTranslation();
  const kiosk = useSurface().kind === 'kiosk';
  if (kiosk || messages.length === 0) return null;
  const download = (): void => {
    const names = interpreterName ? [interpreterName] : [];
    const text = transcriptText({ kind: 'chat', interpreterNames: names, startedAt: null, endedAt: null, endedBy: null, receipts: [...receipts].sort((a, b) => a.filedAt - b.filedAt), messages }, t);
    saveText(text, transcriptFileName(startedAt ?? messages[0]?.at ?? null, Date.now(), 'chat'));
  };
  // Beside "start a new chat" (the main way on): keeping the conversation is the second thing to offer.
  return <DownloadButton onDownload={download} secondary />;
}
