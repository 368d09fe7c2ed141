import type { ReactElement } from 'react';
import { EntryScreen } from '../entry/EntryScreen.tsx';

/** The caller's start: what is open now (video, text chat, a call-back request) and the ways in for staff. */
export function StartScreen({ onStart }: { onStart: () => void }): ReactElement {
  return <EntryScreen onStartVideo={onStart} />;
}
