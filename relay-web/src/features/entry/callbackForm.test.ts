// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { newCallbackSchema } from '@sign-relay/shared';
import { checkCallback, contactShown, EMPTY_CALLBACK } from './callbackForm.ts';
import type { CallbackFields } from './callbackForm.ts';

const named = (f: Partial<CallbackFields>): CallbackFields => ({ ...EMPTY_CALLBACK, name: '陳小明', ...f });

describe('checkCallback', () => {
  it('needs a name and a choice of how to be reached', () => {
    expect(checkCallback(EMPTY_CALLBACK)).toEqual({ ok: false, problems: { name: 'nameRequired', method: 'methodRequired' } });
    expect(checkCallback(named({}))).toEqual({ ok: false, problems: { method: 'methodRequired' } });
    // Contact typed without a method does not stand in for the choice.
    expect(checkCallback(named({ phone: '0912345678' }))).toEqual({ ok: false, problems: { method: 'methodRequired' } });
  });

  it('asks each method for its contact: a text message a mobile, an e-mail an address, a video call back either', () => {
    expect(checkCallback(named({ method: 'sms' }))).toEqual({ ok: false, problems: { phone: 'phoneRequired' } });
    expect(checkCallback(named({ method: 'sms', email: 'chen@example.tw' }))).toEqual({ ok: false, problems: { phone: 'phoneRequired' } });
    expect(checkCallback(named({ method: 'email' }))).toEqual({ ok: false, problems: { email: 'emailRequired' } });
    expect(checkCallback(named({ method: 'email', phone: '0912345678' }))).toEqual({ ok: false, problems: { email: 'emailRequired' } });
    expect(checkCallback(named({ method: 'video' }))).toEqual({ ok: false, problems: { phone: 'contactRequired' } });
    expect(checkCallback(named({ method: 'video', email: 'chen@example.tw' }))).toEqual({ ok: true, request: { name: '陳小明', method: 'video', email: 'chen@example.tw' } });
    expect(checkCallback(named({ method: 'video', phone: '0912345678', email: 'chen@example.tw' }))).toMatchObject({ ok: true, request: { phone: '0912345678', email: 'chen@example.tw' } });
  });

  it('sends trimmed values, and leaves out what was not given or what the method does not use', () => {
    expect(checkCallback(named({ name: ' 陳小明 ', method: 'sms', phone: ' 0912-345-678 ', email: 'left@over.tw' }))).toEqual({ ok: true, request: { name: '陳小明', method: 'sms', phone: '0912-345-678' } });
    expect(checkCallback({ name: 'Lin', method: 'email', phone: '0912', email: 'lin@example.tw', topic: 'dispatch', note: ' 路燈壞了 ' })).toEqual({
      ok: true,
      request: { name: 'Lin', method: 'email', email: 'lin@example.tw', topic: 'dispatch', note: '路燈壞了' },
    });
  });

  it('checks the phone as the server does, and the e-mail plainly', () => {
    expect(checkCallback(named({ method: 'sms', phone: '+886 (2) 2720-8889' })).ok).toBe(true);
    expect(checkCallback(named({ method: 'sms', phone: '12345' }))).toMatchObject({ problems: { phone: 'phoneInvalid' } });
    expect(checkCallback(named({ method: 'sms', phone: '0912abc' }))).toMatchObject({ problems: { phone: 'phoneInvalid' } });
    expect(checkCallback(named({ method: 'email', email: 'not-an-address' }))).toMatchObject({ problems: { email: 'emailInvalid' } });
    // For a video call back a good e-mail makes a bad phone number no less bad.
    expect(checkCallback(named({ method: 'video', phone: 'x', email: 'a@b.tw' }))).toEqual({ ok: false, problems: { phone: 'phoneInvalid' } });
  });

  it('limits the name to 100 and the note to 500 characters (emoji count once), as the server does', () => {
    expect(checkCallback(named({ name: '字'.repeat(101), method: 'sms', phone: '0912345678' }))).toMatchObject({ problems: { name: 'nameTooLong' } });
    const emoji = checkCallback(named({ name: '😀'.repeat(100), method: 'sms', phone: '0912345678' }));
    expect(emoji.ok).toBe(true);
    if (emoji.ok) expect(newCallbackSchema.safeParse(emoji.request).success).toBe(true);
    expect(checkCallback(named({ method: 'sms', phone: '0912345678', note: 'x'.repeat(501) }))).toMatchObject({ problems: { note: 'noteTooLong' } });
  });

  it('makes only requests the server takes', () => {
    for (const f of [named({ method: 'sms', phone: '0912345678' }), named({ method: 'email', email: 'a@b.tw', topic: 'petition' }), named({ method: 'video', phone: '0912345678', note: '下午' })]) {
      const r = checkCallback(f);
      expect(r.ok).toBe(true);
      if (r.ok) expect(newCallbackSchema.safeParse(r.request).success).toBe(true);
    }
  });
});

describe('contactShown', () => {
  it('names where the caller will be contacted', () => {
    expect(contactShown({ method: 'sms', phone: '0912345678' })).toBe('0912345678');
    expect(contactShown({ method: 'email', email: 'a@b.tw' })).toBe('a@b.tw');
    expect(contactShown({ method: 'video', phone: '0912345678', email: 'a@b.tw' })).toBe('0912345678 / a@b.tw');
  });
});
