/**
 * `@sign-relay/relay-web/surface`: what a shell around the caller's screens provides — which surface they run
 * on, and who holds the visit open (see surface.ts).
 */
export { KIOSK_ID_PATTERN, SurfaceProvider, useVisitHold, VisitHoldsProvider } from './surface.ts';
export type { Surface, VisitHold, VisitHolds } from './surface.ts';
