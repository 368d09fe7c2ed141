import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@sign-relay/shared';
import type { UserRepository } from '../store/repositories/userRepository.ts';
import type { AuthService } from './AuthService.ts';

/**
 * On a development machine with no accounts yet, creates one admin, one supervisor and two interpreters
 * with random passwords, printed once at start. Never runs in production (there the first admin is created
 * with `npm run admin:create`), so no default password exists anywhere.
 */
export async function seedDevelopmentAccounts(auth: AuthService, users: UserRepository): Promise<{ role: StaffRole; username: string; password: string }[]> {
  if ((await users.list()).length > 0) return [];
  const wanted: { username: string; displayName: string; role: StaffRole; gender: 'female' | 'male' | null }[] = [
    { username: 'admin', displayName: '系統管理員', role: 'admin', gender: null },
    { username: 'supervisor', displayName: '值班督導', role: 'supervisor', gender: null },
    { username: 'interpreter1', displayName: '手語翻譯員 林', role: 'interpreter', gender: 'female' },
    { username: 'interpreter2', displayName: '手語翻譯員 陳', role: 'interpreter', gender: 'male' },
  ];
  const out = [];
  for (const w of wanted) {
    const password = randomBytes(9).toString('base64url');
    await auth.createUser({ ...w, password });
    out.push({ role: w.role, username: w.username, password });
  }
  return out;
}
