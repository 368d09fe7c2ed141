/**
 * The tables of docs/architecture.md that are read from the code: each socket event → its handler file and the
 * domain services the handler calls, and each HTTP route → its declaration, the router that mounts it and the
 * services it calls. `npm run docs:architecture` rewrites them; a unit test fails when the doc is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const DOC = join(ROOT, 'docs/architecture.md');
const HANDLERS = join(ROOT, 'sfu-server/src/signaling/handlers');
const ROUTERS = join(ROOT, 'sfu-server/src/http');
const SHARED = join(ROOT, 'shared/src');

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** `obj.<name>` accesses on a given identifier inside a node: which services a handler body uses. */
function usesOf(node: ts.Node, on: string): string[] {
  const found = new Set<string>();
  walk(node, (n) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === on) found.add(n.name.text);
  });
  return [...found].sort();
}

/** The handler context's fields and their types (`queue` → `QueueService`), from the interfaces of handlers/types.ts. */
function contextFields(): Map<string, string> {
  const fields = new Map<string, string>();
  walk(parse(join(HANDLERS, 'types.ts')), (n) => {
    if (ts.isInterfaceDeclaration(n)) {
      for (const m of n.members) if (ts.isPropertySignature(m) && m.type && ts.isIdentifier(m.name)) fields.set(m.name.text, m.type.getText());
    }
  });
  return fields;
}

export interface EventRow {
  event: string;
  file: string;
  services: string[];
}

/** Every socket event handler: an object property named like `'desk:accept'` in signaling/handlers/. */
export function eventRows(): EventRow[] {
  const fields = contextFields();
  const rows: EventRow[] = [];
  for (const file of tsFiles(HANDLERS)) {
    walk(parse(file), (n) => {
      if (!(ts.isMethodDeclaration(n) || ts.isPropertyAssignment(n)) || !ts.isStringLiteral(n.name) || !n.name.text.includes(':')) return;
      const body = ts.isMethodDeclaration(n) ? n.body : n.initializer;
      const services = body ? usesOf(body, 'ctx').filter((f) => f !== 'conn' && f !== 'sink' && f !== 'log').map((f) => fields.get(f) ?? f) : [];
      // Media events act on the sender's own call room, reached through their connection.
      if (body?.getText().includes('ctx.conn.inCall()')) services.push('CallRoom');
      rows.push({ event: n.name.text, file: relative(ROOT, file), services: services.sort() });
    });
  }
  return rows.sort((a, b) => a.event.localeCompare(b.event));
}

/** `caseRoutes.list` for a route declared as a property of `caseRoutes`; the variable's name otherwise. */
function declaredName(n: ts.VariableDeclaration | ts.PropertyAssignment): string {
  if (ts.isVariableDeclaration(n)) return n.name.getText();
  let owner: ts.Node = n.parent;
  const path = [n.name.getText()];
  while (owner && !ts.isSourceFile(owner)) {
    if (ts.isPropertyAssignment(owner)) path.unshift(owner.name.getText());
    if (ts.isVariableDeclaration(owner)) {
      path.unshift(owner.name.getText());
      break;
    }
    owner = owner.parent;
  }
  return path.join('.');
}

export interface RouteRow {
  method: string;
  path: string;
  declaredIn: string;
  name: string;
  routers: string[];
  services: string[];
}

/** Every declared HTTP route (`httpRoute<…>()({ method, path, … })` in shared/), and where the server mounts it. */
export function routeRows(): RouteRow[] {
  const routes: RouteRow[] = [];
  for (const file of tsFiles(SHARED)) {
    const source = parse(file);
    // String constants a path is built from (`${OPEN311_BASE}/services.json`).
    const consts = new Map<string, string>();
    walk(source, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isStringLiteralLike(n.initializer)) consts.set(n.name.text, n.initializer.text);
    });
    const text = (e: ts.Expression): string => {
      if (ts.isStringLiteralLike(e)) return e.text;
      if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((t) => (consts.get(t.expression.getText()) ?? `\${${t.expression.getText()}}`) + t.literal.text).join('');
      return e.getText();
    };
    walk(source, (n) => {
      const init = ts.isVariableDeclaration(n) || ts.isPropertyAssignment(n) ? n.initializer : undefined;
      if (!init || !ts.isCallExpression(init) || !ts.isCallExpression(init.expression) || init.expression.expression.getText() !== 'httpRoute') return;
      const arg = init.arguments[0];
      if (!arg || !ts.isObjectLiteralExpression(arg)) return;
      const prop = (k: string): string => {
        const p = arg.properties.find((x) => ts.isPropertyAssignment(x) && x.name.getText() === k);
        return p && ts.isPropertyAssignment(p) ? text(p.initializer) : '';
      };
      routes.push({ method: prop('method'), path: prop('path'), declaredIn: relative(ROOT, file), name: declaredName(n as ts.VariableDeclaration | ts.PropertyAssignment), routers: [], services: [] });
    });
  }
  // A router mounts a route by naming it: `mount(r, m, caseRoutes.list, …)`.
  const byName = new Map(routes.map((r) => [r.name, r]));
  for (const file of tsFiles(ROUTERS)) {
    walk(parse(file), (n) => {
      if (!ts.isCallExpression(n)) return;
      const named = n.arguments.map((a) => a.getText()).find((x) => byName.has(x));
      const route = named ? byName.get(named) : undefined;
      if (!route) return;
      const router = relative(ROOT, file);
      if (!route.routers.includes(router)) route.routers.push(router);
      // `api.get(below(route), handler)`: the handler is an argument of the call around the one naming the route.
      const mounting = ts.isCallExpression(n.parent) ? n.parent : n;
      const uses = [...usesOf(mounting, 'deps'), ...(usesOf(mounting, 'repo').length ? ['repo'] : [])];
      for (const s of uses) if (!route.services.includes(s)) route.services.push(s);
    });
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const code = (s: string): string => `\`${s}\``;

export function eventTable(rows: EventRow[] = eventRows()): string {
  const lines = ['| Socket event | Handler file | Domain services |', '|---|---|---|'];
  for (const r of rows) lines.push(`| ${code(r.event)} | ${code(r.file)} | ${r.services.map(code).join(', ') || '—'} |`);
  return lines.join('\n');
}

export function routeTable(rows: RouteRow[] = routeRows()): string {
  const lines = ['| Method | Path | Declared in | Mounted by | Uses |', '|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.method} | ${code(r.path)} | ${code(r.declaredIn)} ${code(r.name)} | ${r.routers.map(code).join(', ') || '—'} | ${r.services.sort().map(code).join(', ') || '—'} |`);
  }
  return lines.join('\n');
}

/** The doc with its generated sections replaced by what the code says now. */
export function withTables(doc: string): string {
  const put = (text: string, name: string, table: string): string => {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(text)) throw new Error(`docs/architecture.md has no <!-- ${name}:start/end --> markers`);
    return text.replace(re, (_m, a: string, b: string) => `${a}${table}\n${b}`);
  };
  return put(put(doc, 'events', eventTable()), 'routes', routeTable());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(DOC, withTables(readFileSync(DOC, 'utf8')));
  console.log(`Rewrote the tables of ${relative(ROOT, DOC)}.`);
}
