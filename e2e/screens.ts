/**
 * The screens as people see them. `SCREENS=1` (run by `npm run screens`) writes each shot to `docs/screens/`,
 * where they are committed for review; otherwise nothing is written and the checks around the shots still run.
 * Names are `<screen>.<lang>.<size>.png`, sizes as in SIZES.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where the committed screenshots live. */
export const SCREENS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screens');

/** The three sizes every changed screen is judged at: a laptop, a phone and a portrait kiosk. */
export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
  kiosk: { width: 1080, height: 1920 },
} as const;
export type Size = keyof typeof SIZES;
export type Lang = 'zh-TW' | 'en';

const writing = process.env.SCREENS === '1';

/** Saves the page as it is (the viewport, or the whole page with `fullPage`) when screenshots are being written. */
export async function shoot(page: Page, name: string, lang: Lang, size: Size | string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (!writing) return;
  mkdirSync(SCREENS_DIR, { recursive: true });
  // Let entrance animations settle.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.${lang}.${size}.png`), fullPage: opts.fullPage ?? false });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a <video> that its picture fills (without the letterbox bars `object-fit: contain` adds). */
export async function pictureBox(video: Locator): Promise<Box> {
  return video.evaluate((el) => {
    const v = el as HTMLVideoElement;
    const r = v.getBoundingClientRect();
    const fit = getComputedStyle(v).objectFit;
    if (!v.videoWidth || !v.videoHeight || fit === 'cover' || fit === 'fill') return { x: r.x, y: r.y, width: r.width, height: r.height };
    const scale = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);
    const width = v.videoWidth * scale;
    const height = v.videoHeight * scale;
    return { x: r.x + (r.width - width) / 2, y: r.y + (r.height - height) / 2, width, height };
  });
}

/** The element's box on screen. */
export async function boxOf(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('the element is not on screen');
  return b;
}

/** How much two boxes overlap, in px². */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The signing picture's rule: the remote picture (its visible video, bars excluded) covers at least 55 % of the
 * viewport on desktop and kiosk and the full width on a phone, and the self-view never lies on it.
 */
export async function expectSigningPicture(page: Page, remote: Locator, self: Locator | null, size: Size, where: string): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const pic = await pictureBox(remote);
  const share = (pic.width * pic.height) / (viewport.width * viewport.height);
  console.info(`signing picture, ${where}: ${Math.round(pic.width)}×${Math.round(pic.height)} of ${viewport.width}×${viewport.height} (${Math.round(share * 100)} %)`);
  if (size === 'phone') expect(pic.width, `${where}: the remote picture's width on a phone`).toBeGreaterThanOrEqual(viewport.width - 1);
  else expect(share, `${where}: the remote picture's share of the screen`).toBeGreaterThanOrEqual(0.55);
  if (self && (await self.isVisible())) {
    expect(overlapArea(pic, await boxOf(self)), `${where}: the self-view lies on the remote picture`).toBe(0);
  }
}
