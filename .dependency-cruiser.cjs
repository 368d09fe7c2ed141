/**
 * The declared layers, kept by `npm run lint` (depcruise). Each rule's reason is in docs/architecture.md
 * ("Layer rules"); the name here is the name there.
 */
const fs = require('node:fs');
const path = require('node:path');

/** relay-web's published entry points (its package.json `exports`): the only files the kiosk may import. */
function relayWebEntries() {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'relay-web/package.json'), 'utf8'));
  const targets = Object.values(pkg.exports ?? {}).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  const files = targets.map((t) => `relay-web/${t.replace(/^\.\//, '')}`);
  // A wildcard entry ("./test/*": "./src/test/*") publishes a folder.
  return files.map((f) => `^${f.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*|\*/g, '[^/]+')}$`).join('|') || '^$';
}

const SERVER_DOMAIN = 'sfu-server/src/(auth|calls|callbacks|cases|chat|fleet|media|notify|queue|schedule|store|wallboard|util)/';
const CLIENT_LOWER = 'relay-web/src/(auth|chat|components|hooks|i18n|media|signaling|surface|util)/';

/** A forbidden dependency: its name (docs/architecture.md uses the same), why, and the paths it forbids. */
const forbid = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

module.exports = {
  forbidden: [
    forbid(
      'no-cycles',
      'No module may import itself back, even for types: a cycle hides which side is the lower layer.',
      {},
      { circular: true },
    ),
    forbid(
      'server-domain-not-transport',
      'Domain code (store, media, queue, chat, calls, cases, ...) never imports signaling/ or http/: transports call the domain.',
      { path: `^${SERVER_DOMAIN}` },
      { path: '^sfu-server/src/(signaling|http)/' },
    ),
    forbid(
      'server-store-is-the-floor',
      'The store (Postgres, Redis) knows rows and keys, not the services that use them.',
      { path: '^sfu-server/src/store/' },
      { path: '^sfu-server/src/(auth|calls|callbacks|cases|chat|fleet|media|notify|queue|schedule|wallboard)/' },
    ),
    forbid(
      'server-media-only-mediasoup',
      'media/ wraps mediasoup and nothing else: it never imports the queue, chat, calls or cases.',
      { path: '^sfu-server/src/media/' },
      { path: '^sfu-server/src/(auth|calls|callbacks|cases|chat|fleet|queue|schedule|store|wallboard|notify)/' },
    ),
    forbid(
      'transports-apart',
      'The socket layer and the HTTP layer are siblings; what they share lives below them.',
      { path: '^sfu-server/src/signaling/' },
      { path: '^sfu-server/src/http/' },
    ),
    forbid(
      'transports-apart-http',
      'The socket layer and the HTTP layer are siblings; what they share lives below them.',
      { path: '^sfu-server/src/http/' },
      { path: '^sfu-server/src/signaling/' },
    ),
    forbid(
      'shared-imports-nothing',
      'shared/ is read by the server and both browsers: it imports no other workspace and nothing of Node.',
      { path: '^shared/' },
      { path: '^(sfu-server|relay-web|kiosk-client|scripts|e2e)/|^node:|^(fs|path|crypto|os|net|http|https|child_process)$' },
    ),
    forbid(
      'browser-not-server',
      'The web apps talk to the server only over HTTP and sockets: they never import its code.',
      { path: '^(relay-web|kiosk-client)/' },
      { path: '^(sfu-server|scripts)/' },
    ),
    forbid(
      'server-not-browser',
      'The server never imports the web apps or the scripts workspace (which depends on the server).',
      { path: '^sfu-server/' },
      { path: '^(relay-web|kiosk-client|scripts|e2e)/' },
    ),
    forbid(
      'client-lower-not-features',
      'media/, chat/, auth/, signaling/, components/ and the other engines never import a feature: features are built on them.',
      { path: `^${CLIENT_LOWER}` },
      { path: '^relay-web/src/features/' },
    ),
    forbid(
      'feature-not-another-page',
      "A feature never imports another feature's page: pages are composed by the app's routes.",
      { path: '^relay-web/src/features/([^/]+)/' },
      { path: '^relay-web/src/features/[^/]+/.*Page\\.tsx$', pathNot: '^relay-web/src/features/$1/' },
    ),
    forbid(
      'kiosk-through-entry-points',
      "The kiosk reaches relay-web only through its published entry points (package.json exports), never its files.",
      { path: '^kiosk-client/' },
      { path: '^relay-web/', pathNot: relayWebEntries() },
    ),
    forbid(
      'production-not-tests',
      'Shipped code never imports test code.',
      { path: '^(shared|sfu-server|relay-web|kiosk-client)/src/', pathNot: '(\\.test\\.tsx?$|/testing/|/test/|\\.spec\\.ts$|queueFuzz\\.ts$|queueStoreContract\\.ts$)' },
      { path: '(\\.test\\.tsx?$|/testing/|/test/|\\.spec\\.ts$)' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Type-only imports count: a type cycle is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'], extensions: ['.ts', '.tsx', '.js'] },
    combinedDependencies: false,
    preserveSymlinks: false,
  },
};
