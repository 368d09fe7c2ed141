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

const SERVER_DOMAIN = 'sfu-server/src/(auth|calls|callbacks|cases|chat|media|notify|queue|schedule|store|wallboard|util)/';
const CLIENT_LOWER = 'relay-web/src/(auth|chat|components|hooks|i18n|media|signaling|surface|util)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module may import itself back, even for types: a cycle hides which side is the lower layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'server-domain-not-transport',
      severity: 'error',
      comment: 'Domain code (store, media, queue, chat, calls, cases, ...) never imports signaling/ or http/: transports call the domain.',
      from: { path: `^${SERVER_DOMAIN}` },
      to: { path: '^sfu-server/src/(signaling|http)/' },
    },
    {
      name: 'server-store-is-the-floor',
      severity: 'error',
      comment: 'The store (Postgres, Redis) knows rows and keys, not the services that use them.',
      from: { path: '^sfu-server/src/store/' },
      to: { path: '^sfu-server/src/(auth|calls|callbacks|cases|chat|media|notify|queue|schedule|wallboard)/' },
    },
    {
      name: 'server-media-only-mediasoup',
      severity: 'error',
      comment: 'media/ wraps mediasoup and nothing else: it never imports the queue, chat, calls or cases.',
      from: { path: '^sfu-server/src/media/' },
      to: { path: '^sfu-server/src/(auth|calls|callbacks|cases|chat|queue|schedule|store|wallboard|notify)/' },
    },
    {
      name: 'transports-apart',
      severity: 'error',
      comment: 'The socket layer and the HTTP layer are siblings; what they share lives below them.',
      from: { path: '^sfu-server/src/signaling/' },
      to: { path: '^sfu-server/src/http/' },
    },
    {
      name: 'transports-apart-http',
      severity: 'error',
      comment: 'The socket layer and the HTTP layer are siblings; what they share lives below them.',
      from: { path: '^sfu-server/src/http/' },
      to: { path: '^sfu-server/src/signaling/' },
    },
    {
      name: 'shared-imports-nothing',
      severity: 'error',
      comment: 'shared/ is read by the server and both browsers: it imports no other workspace and nothing of Node.',
      from: { path: '^shared/' },
      to: { path: '^(sfu-server|relay-web|kiosk-client|scripts|e2e)/|^node:|^(fs|path|crypto|os|net|http|https|child_process)$' },
    },
    {
      name: 'browser-not-server',
      severity: 'error',
      comment: 'The web apps talk to the server only over HTTP and sockets: they never import its code.',
      from: { path: '^(relay-web|kiosk-client)/' },
      to: { path: '^(sfu-server|scripts)/' },
    },
    {
      name: 'server-not-browser',
      severity: 'error',
      comment: 'The server never imports the web apps or the scripts workspace (which depends on the server).',
      from: { path: '^sfu-server/' },
      to: { path: '^(relay-web|kiosk-client|scripts|e2e)/' },
    },
    {
      name: 'client-lower-not-features',
      severity: 'error',
      comment: 'media/, chat/, auth/, signaling/, components/ and the other engines never import a feature: features are built on them.',
      from: { path: `^${CLIENT_LOWER}` },
      to: { path: '^relay-web/src/features/' },
    },
    {
      name: 'feature-not-another-page',
      severity: 'error',
      comment: "A feature never imports another feature's page: pages are composed by the app's routes.",
      from: { path: '^relay-web/src/features/([^/]+)/' },
      to: { path: '^relay-web/src/features/[^/]+/.*Page\\.tsx$', pathNot: '^relay-web/src/features/$1/' },
    },
    {
      name: 'kiosk-through-entry-points',
      severity: 'error',
      comment: "The kiosk reaches relay-web only through its published entry points (package.json exports), never its files.",
      from: { path: '^kiosk-client/' },
      to: { path: '^relay-web/', pathNot: relayWebEntries() },
    },
    {
      name: 'production-not-tests',
      severity: 'error',
      comment: 'Shipped code never imports test code.',
      from: { path: '^(shared|sfu-server|relay-web|kiosk-client)/src/', pathNot: '(\\.test\\.tsx?$|/testing/|/test/|\\.spec\\.ts$|queueFuzz\\.ts$|queueStoreContract\\.ts$)' },
      to: { path: '(\\.test\\.tsx?$|/testing/|/test/|\\.spec\\.ts$)' },
    },
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
