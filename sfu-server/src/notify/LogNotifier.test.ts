import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LogNotifier, maskRecipient } from './LogNotifier.ts';
import type { OutboxMessage } from './Notifier.ts';

function capture(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

function message(recipient: string, caseNumber = '1999-20261201-0001'): OutboxMessage {
  return {
    id: randomUUID(),
    caseId: randomUUID(),
    kind: 'case-closed',
    channel: 'sms',
    recipient,
    body: { caseNumber, status: 'closed', zh: `您的案件 ${caseNumber} 已結案。`, en: `Your case ${caseNumber} is closed.` },
  };
}

describe('maskRecipient', () => {
  it('shows only the last three characters, keeping the length', () => {
    expect(maskRecipient('0912345678')).toBe('*******678');
    expect(maskRecipient('caller@example.tw')).toBe('**************.tw');
    expect(maskRecipient('+886912345678')).toBe('**********678');
  });

  it('hides a recipient of three characters or fewer entirely', () => {
    expect(maskRecipient('123')).toBe('***');
    expect(maskRecipient('12')).toBe('**');
    expect(maskRecipient('')).toBe('');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskRecipient('陳小明@例子.台灣')).toBe('******.台灣');
  });
});

describe('LogNotifier', () => {
  it('logs each message with a stable message, its ids and text, and the recipient masked', async () => {
    const { logger, lines } = capture();
    const notifier = new LogNotifier(logger);
    const m = message('0912345678');
    await notifier.send(m);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'notification sent',
      outboxId: m.id,
      caseId: m.caseId,
      kind: 'case-closed',
      channel: 'sms',
      recipient: '*******678',
      caseNumber: m.body.caseNumber,
      text: { zh: m.body.zh, en: m.body.en },
    });
    expect(JSON.stringify(lines[0])).not.toContain('0912345678');
  });

  it('keeps the unmasked recipient in recent(), oldest first', async () => {
    const notifier = new LogNotifier(capture().logger);
    const first = message('0912345678', 'A');
    const second = message('caller@example.tw', 'B');
    await notifier.send(first);
    await notifier.send(second);
    const recent = notifier.recent();
    expect(recent.map((n) => [n.outboxId, n.recipient, n.kind, n.body.caseNumber])).toEqual([
      [first.id, '0912345678', 'case-closed', 'A'],
      [second.id, 'caller@example.tw', 'case-closed', 'B'],
    ]);
    expect(recent[0]?.at).toBeInstanceOf(Date);
  });

  it('keeps at most its limit, dropping the oldest', async () => {
    const notifier = new LogNotifier(capture().logger, 5);
    const sent = Array.from({ length: 12 }, (_, i) => message(`09000000${String(i).padStart(2, '0')}`));
    for (const m of sent) await notifier.send(m);
    expect(notifier.recent().map((n) => n.outboxId)).toEqual(sent.slice(7).map((m) => m.id));
  });

  it('hands out a copy, so a reader cannot change what it keeps', async () => {
    const notifier = new LogNotifier(capture().logger);
    await notifier.send(message('0912345678'));
    const copy = notifier.recent() as unknown as unknown[];
    copy.length = 0;
    expect(notifier.recent()).toHaveLength(1);
  });
});
