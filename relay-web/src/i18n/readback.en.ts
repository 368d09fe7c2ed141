import type { Catalogue } from './catalogueShape.ts';

/** The caller's read-back and case receipt in English; part of the en catalogue under `readback`. */
export const readbackEn: Catalogue['readback'] = {
  title: 'Is this right?',
  lead: 'Your interpreter will file:',
  service: 'Service',
  item: 'Item',
  place: 'Place',
  text: 'What',
  district: '{{name}} District',
  correct: 'Correct',
  change: 'Change',
  sending: 'Sending…',
  sentCorrect: 'Sent: correct',
  sentChange: 'Sent: change',
  afterCorrect: 'Your interpreter will file it now.',
  afterChange: 'Sign to your interpreter what to change.',
  afterChangeChat: 'Write in the chat what to change.',
  failed: 'Not sent. Please press again.',
  replaced: 'This was updated. Wait for your interpreter to send it again.',
  receipt: {
    title: 'Case filed',
    number: 'Case number',
    hint: 'Take a photo or write it down',
    filedAt: 'Filed at {{time}}',
    copy: 'Copy number',
    copied: 'Copied',
    listTitle: 'Your cases this visit',
  },
};
