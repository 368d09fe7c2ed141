/**
 * Every HTTP route of the service, by group: each declared once (method, path, access, zod schemas,
 * response type) in its group's file. The server mounts each exactly once (its tests check this list).
 */
import { authRoutes } from './authApi.ts';
import { callbackRoutes } from './callbackApi.ts';
import { caseRoutes } from './caseApi.ts';
import { open311Routes } from './open311Api.ts';
import { opsRoutes } from './opsApi.ts';
import { scheduleRoutes } from './scheduleApi.ts';
import { staffRoutes } from './staffApi.ts';

export const API_ROUTES = {
  auth: authRoutes,
  schedule: scheduleRoutes,
  staff: staffRoutes,
  callbacks: callbackRoutes,
  cases: caseRoutes,
  open311: open311Routes,
  ops: opsRoutes,
} as const;
