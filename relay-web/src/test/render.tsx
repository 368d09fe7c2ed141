/** Renders a component with the app's i18n and a router into happy-dom, for component tests. */
import { act } from 'react';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { initI18n } from '../i18n/i18n.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

export const i18n = initI18n();

export interface Mounted {
  container: HTMLDivElement;
  render(ui: ReactElement): void;
  byTestId(id: string): HTMLElement | null;
  unmount(): void;
}

export function mount(): Mounted {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  return {
    container,
    render: (ui) =>
      act(() =>
        root.render(
          <I18nextProvider i18n={i18n}>
            <MemoryRouter>{ui}</MemoryRouter>
          </I18nextProvider>,
        ),
      ),
    byTestId: (id) => container.querySelector(`[data-testid="${id}"]`),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}
