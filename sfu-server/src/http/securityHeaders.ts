import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What the browser may do on and with our pages, sent on every response (pages, assets, API answers and
 * errors alike):
 * - scripts, styles, fonts and fetches only from this server: the built apps have no inline script or
 *   style (React's `style` props are set through the DOM, which a CSP allows), so none needs `unsafe-inline`;
 * - pictures and media also from `data:`/`blob:` (downloads made in the page); a `<video>` showing a call plays
 *   a MediaStream, which no CSP directive governs;
 * - no page of ours can be framed by any site (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), so no site
 *   can dress up "start a video call" or a desk button to be clicked unknowingly;
 * - camera and microphone for our own pages only, screen capture and the rest for nobody;
 * - no referrer leaves with a link or fetch, and no content type is guessed (`nosniff`).
 *
 * No `Strict-Transport-Security` here: the server speaks plain HTTP behind the TLS proxy, and HSTS is the
 * proxy's to send (it alone knows the public name is served over TLS), e.g. `max-age=31536000`.
 */
export function securityHeaders(): RequestHandler {
  const csp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Signaling is a WebSocket to this same server. `'self'` covers it in current browsers; the explicit
        // ws:/wss: of our own host is for those that read `'self'` as http(s) only.
        connectSrc: ["'self'", (req) => ownSocketOrigins(req)],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // At the TLS proxy (see above).
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Same-origin opener isolation and resource policy as helmet's defaults; no cross-origin embedder
    // policy (nothing here needs cross-origin isolation).
    crossOriginEmbedderPolicy: false,
  });
  return (req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    csp(req, res, next);
  };
}

/** Camera and microphone (a call), fullscreen and autoplay (the call view) for our pages; the rest for nobody. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'fullscreen=(self)',
  'autoplay=(self)',
  'display-capture=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
].join(', ');

/** A Host header as a browser sends it: a name or an IPv4/IPv6 literal, and an optional port. Nothing else. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `ws://host wss://host` for the host the page was asked for; nothing for a Host header that is not a plain
 * host name (it must not be able to add sources or directives to the policy).
 */
export function ownSocketOrigins(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : '';
}
