/**
 * A zod failure as a message safe to show: the field path and what was wrong, never the value. `whole` names
 * the input itself when the problem is at its top level ('body' for HTTP, 'payload' for a socket event).
 */
export function validationMessage(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole: string): string {
  const first = issues[0];
  if (!first) return 'The request is not valid.';
  return `Invalid request: ${first.path.map(String).join('.') || whole}: ${first.message}`.slice(0, 300);
}
