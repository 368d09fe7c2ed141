// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskOffer } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { OfferCard } from './OfferCard.tsx';
import { asEntryId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const NOW = 1_000_000;
const offer = (p: Partial<DeskOffer> = {}): DeskOffer => ({
  entryId: asEntryId('e1'),
  channel: 'kiosk',
  kioskId: 'K-07',
  kioskVerified: false,
  topic: 'dispatch',
  preferredGender: 'female',
  queuedAt: NOW - 95_000,
  expiresAt: NOW + 20_000,
  transferFrom: null,
  requeued: false,
  camera: null,
  ...p,
});
let m: Mounted;

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

describe('OfferCard', () => {
  it('shows what the caller chose, where from, how long they waited, and the countdown', () => {
    m.render(<OfferCard offer={offer()} receivedAt={NOW} now={NOW + 4_500} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.byTestId('offer')?.dataset.entryId).toBe('e1');
    expect(m.byTestId('offer-countdown')?.dataset.seconds).toBe('16');
    expect(m.byTestId('offer-countdown')?.textContent).toContain('16 秒');
    expect(m.byTestId('offer-topic')?.textContent).toContain('派工');
    expect(m.byTestId('offer-channel')?.textContent).toContain('K-07');
    expect(m.byTestId('offer-waited')?.textContent).toContain('1:39');
    expect(m.byTestId('offer-gender')?.textContent).toContain('女性');
    expect(m.byTestId('offer-requeued')).toBeNull();
  });

  it('says who hands a transfer over, and flags a requeued caller', async () => {
    await i18n.changeLanguage('en');
    m.render(<OfferCard offer={offer({ transferFrom: { userId: asUserId('u2'), displayName: 'Lin' }, requeued: true })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.container.textContent).toContain('Transfer from Lin');
    expect(m.byTestId('offer-requeued')).not.toBeNull();
  });

  it("says when the caller's camera is blocked or missing, and nothing when it works or is not known", async () => {
    m.render(<OfferCard offer={offer({ camera: 'blocked' })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.byTestId('offer-camera')?.dataset.camera).toBe('blocked');
    expect(m.byTestId('offer-camera')?.textContent).toContain('來電者鏡頭被封鎖');
    await act(() => i18n.changeLanguage('en'));
    m.render(<OfferCard offer={offer({ camera: 'missing' })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.byTestId('offer-camera')?.textContent).toContain('The caller has no camera that works');
    for (const camera of ['ok', null] as const) {
      m.render(<OfferCard offer={offer({ camera })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
      expect(m.byTestId('offer-camera')).toBeNull();
      expect(m.byTestId('offer')?.dataset.camera).toBe(camera ?? 'unknown');
    }
  });

  it('names a kiosk that did not prove its identity as unverified, in words, in both languages (review #13)', async () => {
    m.render(<OfferCard offer={offer({ kioskId: 'DA-01', kioskVerified: false })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.byTestId('offer-channel')?.textContent).toContain('視訊服務點 DA-01（未驗證）');
    await act(() => i18n.changeLanguage('en'));
    expect(m.byTestId('offer-channel')?.textContent).toContain('Video point DA-01 (unverified)');
    m.render(<OfferCard offer={offer({ kioskId: 'DA-01', kioskVerified: true })} receivedAt={NOW} now={NOW} busy={false} onAccept={() => undefined} onDecline={() => undefined} />);
    expect(m.byTestId('offer-channel')?.textContent).toContain('Video point DA-01');
    expect(m.byTestId('offer-channel')?.textContent).not.toContain('unverified');
  });

  it('puts focus on accept and answers to A and D (not while typing in a field)', () => {
    const pressed: string[] = [];
    m.render(<OfferCard offer={offer()} receivedAt={NOW} now={NOW} busy={false} onAccept={() => pressed.push('accept')} onDecline={() => pressed.push('decline')} />);
    expect(document.activeElement).toBe(m.byTestId('offer-accept'));
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'D' }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true }));
    });
    const input = document.createElement('input');
    document.body.append(input);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    });
    input.remove();
    expect(pressed).toEqual(['accept', 'decline']);
  });
});
