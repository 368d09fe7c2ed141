import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Moves keyboard focus to an element (a screen's heading, with tabIndex -1) when it appears, so a change
 * of screen is noticed by keyboard and screen-reader users and the next control is one Tab away.
 */
export function useFocusOnMount<T extends HTMLElement = HTMLHeadingElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
