import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_ROLES } from '@sign-relay/shared';
import { DOC, eventRows, routeRows, withTables } from './architectureTables.ts';

describe('docs/architecture.md', () => {
  it('lists every socket event once, each with the handler file that answers it', () => {
    const rows = eventRows();
    expect(rows.map((r) => r.event).sort()).toEqual(Object.keys(EVENT_ROLES).sort());
    for (const r of rows) expect(readFileSync(new URL(`../../../${r.file}`, import.meta.url), 'utf8')).toContain(`'${r.event}'`);
  });

  it('finds every declared HTTP route mounted by exactly one router', () => {
    const rows = routeRows();
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.routers.length !== 1).map((r) => `${r.method} ${r.path}: ${r.routers.join(', ') || 'not mounted'}`)).toEqual([]);
    expect(rows.filter((r) => !r.path.startsWith('/')).map((r) => r.name)).toEqual([]);
  });

  it('has the tables the code gives today (run `npm run docs:architecture` after changing an event or route)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(withTables(doc)).toBe(doc);
  });
});
