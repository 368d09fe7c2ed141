import type { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '@sign-relay/shared';
import { authRouter } from './authRouter.ts';
import { callbackRouter } from './callbackRouter.ts';
import { caseRouter } from './caseRouter.ts';
import { healthRouter } from './healthRouter.ts';
import { cityApiRouters } from './open311/index.ts';
import { opsRouter } from './opsRouter.ts';
import { reportRouter } from './reportRouter.ts';
import { scheduleRouter } from './scheduleRouter.ts';
import { staffRouter } from './staffRouter.ts';

/**
 * A stand-in for every dependency: any property of it is itself, and so is a call. Building a router only
 * passes its dependencies on; they are used when a request comes, which these tests never send.
 */
const inert: never = new Proxy(function inert() {}, { get: () => inert, apply: () => inert }) as never;

/** The API routers as the app mounts them (app.ts). */
function appRouters(): Router[] {
  return [
    ...cityApiRouters(inert).routers,
    healthRouter(inert),
    authRouter(inert),
    scheduleRouter(inert),
    callbackRouter(inert),
    staffRouter(inert),
    caseRouter(inert),
    reportRouter(inert),
    opsRouter(inert),
  ];
}

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD path` a router answers, nested routers included (their mount path prefixed). */
function mounted(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
    if (layer.handle?.stack) return mounted(layer.handle.stack, typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? prefix + layer.rawPath : prefix);
    return [];
  });
}

describe('the HTTP API', () => {
  const declared = Object.values(API_ROUTES).flatMap((group) => Object.values(group).map((r) => `${r.method} ${r.path}`));
  const served = appRouters().flatMap((r) => mounted(r.stack as Layer[]));

  it('declares every route once', () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('mounts every declared route exactly once, and nothing undeclared', () => {
    const count = (list: string[]) => list.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
    expect(count(served)).toEqual(new Map(declared.map((k) => [k, 1])));
  });
});
