// @vitest-environment happy-dom
/** The read-back and receipt cards: plain words in both languages, one answer per press, the number to keep. */
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseReceipt, ReadBack, ReadBackAnswer } from '@sign-relay/shared';
import { SurfaceProvider } from '../../surface/surface.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import type { ReadBackView } from './caseNotices.ts';
import { CaseNoticesPanel } from './CaseNoticesPanel.tsx';
import { CaseReceiptCard } from './CaseReceiptCard.tsx';
import { ReadBackCard } from './ReadBackCard.tsx';
import type { CaseNotices } from './useCaseNotices.ts';

const readBack: ReadBack = { id: 'rb1', service: 'dispatch', dispatchItem: 'D06', district: 'daan', place: '復興南路一段 390 號', text: '巷口路燈不亮', sentAt: 1_000 };
const receipt: CaseReceipt = { number: '1999-20261201-000123', service: 'dispatch', dispatchItem: 'D06', district: 'daan', place: '復興南路一段 390 號', text: '巷口路燈不亮', filedAt: Date.UTC(2026, 11, 1, 6, 5) };
const view = (p: Partial<ReadBackView> = {}): ReadBackView => ({ readBack, sending: null, answer: null, error: null, ...p });

let m: Mounted;
let answers: ReadBackAnswer[];
const onAnswer = (a: ReadBackAnswer): void => void answers.push(a);
const text = (id: string): string => m.byTestId(id)?.textContent ?? '';
const button = (id: string): HTMLButtonElement => m.byTestId(id) as HTMLButtonElement;

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  answers = [];
  m = mount();
});
afterEach(() => m.unmount());

describe('ReadBackCard', () => {
  it('shows the service, the dispatch item, the district and place and the text, in Chinese', () => {
    m.render(<ReadBackCard view={view()} onAnswer={onAnswer} />);
    expect(text('readback-card')).toContain('這樣對嗎？');
    expect(m.byTestId('case-words-service')?.dataset.service).toBe('dispatch');
    expect(text('case-words-service')).toContain('派工');
    expect(text('case-words-item')).toBe('路燈故障或設施損壞');
    expect(text('case-words-place')).toContain('大安區');
    expect(text('case-words-place')).toContain('復興南路一段 390 號');
    expect(text('case-words-text')).toContain('巷口路燈不亮');
    expect(text('readback-correct')).toBe('正確');
    expect(text('readback-change')).toBe('要修改');
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    m.render(<ReadBackCard view={view()} onAnswer={onAnswer} />);
    expect(text('readback-card')).toContain('Is this right?');
    expect(text('case-words-item')).toBe('street light out or damaged');
    expect(text('case-words-place')).toContain("Da'an District");
    expect(text('readback-correct')).toBe('Correct');
    expect(text('readback-change')).toBe('Change');
  });

  it('a service without an item or a place shows just what there is', () => {
    m.render(<ReadBackCard view={view({ readBack: { ...readBack, service: 'consultation', dispatchItem: null, district: null, place: null } })} onAnswer={onAnswer} />);
    expect(text('case-words-service')).toContain('市政諮詢');
    expect(m.byTestId('case-words-item')).toBeNull();
    expect(m.byTestId('case-words-place')).toBeNull();
  });

  it('takes the focus when it appears, named by its title and described by the summary', () => {
    m.render(<ReadBackCard view={view()} onAnswer={onAnswer} />);
    const card = m.byTestId('readback-card');
    expect(document.activeElement).toBe(card);
    const title = document.getElementById(card?.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('這樣對嗎？');
    expect(document.getElementById(card?.getAttribute('aria-describedby') ?? '')?.textContent).toContain('路燈故障或設施損壞');
  });

  it('passes each press on; while sending both answers are disabled', () => {
    m.render(<ReadBackCard view={view()} onAnswer={onAnswer} />);
    button('readback-correct').click();
    expect(answers).toEqual(['correct']);
    m.render(<ReadBackCard view={view({ sending: 'correct' })} onAnswer={onAnswer} />);
    expect(m.byTestId('readback-card')?.dataset.state).toBe('sending');
    expect(button('readback-correct').disabled).toBe(true);
    expect(button('readback-change').disabled).toBe(true);
    expect(text('readback-correct')).toBe('送出中…');
  });

  it('after the answer says what was sent, in place of the buttons', () => {
    m.render(<ReadBackCard view={view({ answer: 'correct' })} onAnswer={onAnswer} />);
    expect(m.byTestId('readback-card')?.dataset.answer).toBe('correct');
    expect(m.byTestId('readback-sent')?.getAttribute('role')).toBe('status');
    expect(text('readback-sent')).toContain('已送出：正確');
    expect(m.byTestId('readback-correct')).toBeNull();
    m.render(<ReadBackCard view={view({ answer: 'change' })} onAnswer={onAnswer} />);
    expect(text('readback-sent')).toContain('已送出：要修改');
    expect(text('readback-sent')).toContain('請用手語');
    m.render(<ReadBackCard view={view({ answer: 'change' })} onAnswer={onAnswer} inChat />);
    expect(text('readback-sent')).toContain('請在對話裡寫下');
  });

  it('a failed answer is said, and the buttons work again', () => {
    m.render(<ReadBackCard view={view({ error: 'TIMEOUT' })} onAnswer={onAnswer} />);
    expect(text('readback-error')).toContain('沒有送出');
    button('readback-change').click();
    expect(answers).toEqual(['change']);
  });
});

describe('CaseReceiptCard', () => {
  it('shows the number in its three groups, the summary, the time and the hint to photograph it', () => {
    m.render(<CaseReceiptCard receipt={receipt} />);
    const number = m.byTestId('case-receipt-number');
    expect(number?.textContent).toBe('1999-20261201-000123');
    expect([...(number?.querySelectorAll('.case-receipt__group') ?? [])].map((g) => g.firstChild?.textContent)).toEqual(['1999', '20261201', '000123']);
    expect(text('case-receipt')).toContain('已立案');
    expect(text('case-receipt')).toContain('請拍照或記下案件編號');
    expect(text('case-receipt')).toContain('14:05');
    expect(text('case-words-item')).toBe('路燈故障或設施損壞');
    expect(m.byTestId('case-receipt')?.classList.contains('case-receipt--kiosk')).toBe(false);
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    m.render(<CaseReceiptCard receipt={receipt} />);
    expect(text('case-receipt')).toContain('Case filed');
    expect(text('case-receipt')).toContain('Take a photo or write it down');
    expect(text('case-words-place')).toContain("Da'an District");
  });

  it('on a kiosk: the very large number, and no copying to a public clipboard', () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => undefined }, configurable: true });
    m.render(<CaseReceiptCard receipt={receipt} />);
    expect(m.byTestId('case-receipt-copy')).not.toBeNull();
    const onKiosk = (ui: ReactElement): ReactElement => <SurfaceProvider value={{ kind: 'kiosk', kioskId: 'DA-01' }}>{ui}</SurfaceProvider>;
    m.render(onKiosk(<CaseReceiptCard receipt={receipt} />));
    expect(m.byTestId('case-receipt')?.classList.contains('case-receipt--kiosk')).toBe(true);
    expect(m.byTestId('case-receipt-copy')).toBeNull();
  });
});

describe('CaseNoticesPanel', () => {
  const notices = (p: Partial<CaseNotices> = {}): CaseNotices => ({ readBack: null, receipts: [], justFiled: null, answer: onAnswer, ...p });

  it('shows nothing when there is nothing', () => {
    m.render(<CaseNoticesPanel notices={notices()} placement="aside" />);
    expect(m.byTestId('case-notices')).toBeNull();
  });

  it('the read-back above the receipts; a receipt filed while open takes the focus', () => {
    m.render(<CaseNoticesPanel notices={notices({ readBack: view() })} placement="page" />);
    expect(document.activeElement).toBe(m.byTestId('readback-card'));
    m.render(<CaseNoticesPanel notices={notices({ receipts: [receipt], justFiled: receipt.number })} placement="page" listTitle />);
    expect(m.byTestId('readback-card')).toBeNull();
    expect(document.activeElement).toBe(m.byTestId('case-receipt'));
    expect(m.container.textContent).toContain('您這次的案件');
  });
});
