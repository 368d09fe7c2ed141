/**
 * What the browser specs share: one Chromium per `describe`, pages in contexts of their own that are closed
 * after each test (a script error in any of them fails that test), and the axe check.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, newCallContext, pageErrors } from './browser.ts';

/** Registers the hooks; `page(baseUrl, lang)` opens a page in a new context with that language chosen. */
export function usePages(): (baseUrl: string, lang?: 'zh-TW' | 'en') => Promise<Page> {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const closing = contexts.splice(0);
    const errors = closing.flatMap((c) => pageErrors(c));
    for (const c of closing) await c.close().catch(() => undefined);
    expect(errors, 'script errors in the pages').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (baseUrl, lang = 'zh-TW') => {
    const context = await newCallContext(browser, baseUrl, lang);
    contexts.push(context);
    await context.addInitScript(`try { localStorage.setItem('sign-relay.language', '${lang}'); } catch {}`);
    return context.newPage();
  };
}

/** Runs axe on the page as it is; fails on serious or critical violations, listing them readably. */
export async function checkA11y(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(report, `${screen}: axe violations`).toBe('');
}
