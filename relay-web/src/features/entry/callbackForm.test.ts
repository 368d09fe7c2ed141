// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { checkCallback, EMPTY_CALLBACK } from './callbackForm.ts';

describe('checkCallback', () => {
  it('needs a name and a phone number or an e-mail address', () => {
    expect(checkCallback(EMPTY_CALLBACK)).toEqual({ ok: false, problems: { name: 'nameRequired', phone: 'contactRequired' } });
    expect(checkCallback({ ...EMPTY_CALLBACK, name: '陳小明' })).toEqual({ ok: false, problems: { phone: 'contactRequired' } });
  });

  it('sends trimmed values and leaves out what was not given', () => {
    expect(checkCallback({ ...EMPTY_CALLBACK, name: ' 陳小明 ', phone: ' 0912-345-678 ' })).toEqual({ ok: true, request: { name: '陳小明', phone: '0912-345-678' } });
    expect(checkCallback({ name: 'Lin', phone: '', email: 'lin@example.tw', topic: 'dispatch', note: ' 路燈壞了 ' })).toEqual({
      ok: true,
      request: { name: 'Lin', email: 'lin@example.tw', topic: 'dispatch', note: '路燈壞了' },
    });
  });

  it('checks the phone as the server does, and the e-mail plainly', () => {
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', phone: '+886 (2) 2720-8889' }).ok).toBe(true);
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', phone: '12345' })).toMatchObject({ problems: { phone: 'phoneInvalid' } });
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', phone: '0912abc' })).toMatchObject({ problems: { phone: 'phoneInvalid' } });
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', email: 'not-an-address' })).toMatchObject({ problems: { email: 'emailInvalid' } });
    // A good e-mail makes a bad phone number no less bad.
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', phone: 'x', email: 'a@b.tw' })).toEqual({ ok: false, problems: { phone: 'phoneInvalid' } });
  });

  it('limits the name to 100 and the note to 500 characters (emoji count once)', () => {
    expect(checkCallback({ ...EMPTY_CALLBACK, name: '字'.repeat(101), phone: '0912345678' })).toMatchObject({ problems: { name: 'nameTooLong' } });
    expect(checkCallback({ ...EMPTY_CALLBACK, name: '😀'.repeat(100), phone: '0912345678' }).ok).toBe(true);
    expect(checkCallback({ ...EMPTY_CALLBACK, name: 'a', phone: '0912345678', note: 'x'.repeat(501) })).toMatchObject({ problems: { note: 'noteTooLong' } });
  });
});
