import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * Serves a built single-page app under a prefix, falling back to its index.html for client-side routes.
 * A missing build is reported with a readable page, not a crash.
 */
export function staticApp(prefix: string, dir: string, name: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  r.use(prefix, express.static(dir, { index: false, maxAge: '1h', setHeaders: (res, path) => {
    if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
  } }));
  r.get(`${prefix === '/' ? '' : prefix}/{*rest}`, (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send(`${name} is not built yet: run npm run build.`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}
