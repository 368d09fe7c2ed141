/**
 * The call's chat as a plain-text file the caller downloads (made in the browser, never on a kiosk): the date
 * and times in Taipei, the interpreter's name, the case numbers filed, then each message with its time and who
 * wrote it. Pure; the words come from the catalogue through `t`.
 */
import type { CaseReceipt, ChatMessage } from '@sign-relay/shared';
import type { TFunction } from 'i18next';
import { formatDuration } from '../../util/time.ts';
import { taipeiDateTime } from '../../util/taipeiDateTime.ts';
import type { EndedBy } from './callRecord.ts';

export interface TranscriptInput {
  /** A video call's chat (the default) or a text chat. */
  kind?: 'call' | 'chat';
  interpreterNames: readonly string[];
  startedAt: number | null;
  endedAt: number | null;
  endedBy: EndedBy | null;
  receipts: readonly CaseReceipt[];
  messages: readonly ChatMessage[];
}

/** `HH:mm:ss` in Taipei. */
function timeOf(ms: number): string {
  return taipeiDateTime(ms, { seconds: true }).slice(11);
}

/** Who wrote a message, as the caller reads it: "me", the interpreter (by name), or the service. */
export function authorOf(m: ChatMessage, t: TFunction): string {
  switch (m.from) {
    case 'guest':
      return t('afterCall.transcript.me');
    case 'staff':
      return m.senderName ? t('afterCall.transcript.interpreterNamed', { name: m.senderName }) : t('afterCall.transcript.interpreter');
    case 'system':
      return t('afterCall.transcript.system');
  }
}

/** The transcript's text (lines ending in \n). */
export function transcriptText(input: TranscriptInput, t: TFunction): string {
  const lines: string[] = [input.kind === 'chat' ? t('afterCall.transcript.chatHeading') : t('afterCall.transcript.heading')];
  const first = input.startedAt ?? input.messages[0]?.at ?? null;
  if (first !== null) lines.push(t('afterCall.transcript.date', { date: taipeiDateTime(first).slice(0, 10) }));
  if (input.startedAt !== null && input.endedAt !== null) {
    lines.push(
      t('afterCall.transcript.times', {
        from: taipeiDateTime(input.startedAt).slice(11),
        to: taipeiDateTime(input.endedAt).slice(11),
        duration: formatDuration((input.endedAt - input.startedAt) / 1000),
      }),
    );
  }
  lines.push(t('afterCall.transcript.interpreters', { names: input.interpreterNames.length > 0 ? input.interpreterNames.join('、') : t('afterCall.unknownName') }));
  if (input.endedBy) lines.push(t(`afterCall.endedBy.${input.endedBy}`));
  if (input.receipts.length > 0) {
    lines.push(t('afterCall.transcript.cases'));
    for (const r of input.receipts) lines.push(`  ${r.number}  ${t(`topics.${r.service}.name`)}${r.text ? ` — ${r.text.replace(/\s+/g, ' ').trim()}` : ''}`);
  }
  lines.push('');
  if (input.messages.length === 0) lines.push(t('afterCall.transcript.empty'));
  for (const m of input.messages) {
    const [head = '', ...rest] = m.body.split(/\r?\n/);
    lines.push(`[${timeOf(m.at)}] ${authorOf(m, t)}：${head}`);
    for (const more of rest) lines.push(`    ${more}`);
  }
  lines.push('', t('afterCall.transcript.footer'));
  return `${lines.join('\n')}\n`;
}

/** The file's name: the call's Taipei date and time, in ASCII so every system keeps it. */
export function transcriptFileName(startedAt: number | null, now: number, kind: 'call' | 'chat' = 'call'): string {
  const stamp = taipeiDateTime(startedAt ?? now).replace(/[-: ]/g, '').replace(/^(\d{8})(\d{4})$/, '$1-$2');
  return `sign-relay-1999-${kind === 'chat' ? 'text-chat' : 'conversation'}-${stamp}.txt`;
}
