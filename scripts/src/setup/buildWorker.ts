/**
 * Builds the mediasoup worker from the source in the npm tarball against Debian's maintained libraries, and
 * caches the binary outside node_modules (keyed in sfu-server/src/media/workerBinary.ts).
 *
 * Why: mediasoup's own postinstall downloads a prebuilt worker, or the sources of its dependencies, from GitHub,
 * which these machines cannot reach (the root package.json disables it with allowScripts). Here the worker's
 * source is copied, the repo's patches are applied to the copy (never to node_modules), one shim subproject per
 * meson wrap is put where meson looks for the wrap's source, and meson runs with `--wrap-mode=nodownload`: every
 * dependency resolves to a Debian package through pkg-config. Where the machine can (root, or user namespaces),
 * configure and compile run in a network namespace with only loopback, so a download could not happen even by
 * mistake.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEBIAN_BUILD_TOOLS,
  DEBIAN_LIBRARIES,
  SHIM_DIR,
  cachedWorkerPath,
  debianLibraryVersions,
  mediasoupPackage,
  patchFiles,
} from '../../../sfu-server/src/media/workerBinary.ts';

const NETNS_RUN = resolve(dirname(fileURLToPath(import.meta.url)), '../../netns-run.sh');

/** Debian packages (of the build's) that dpkg does not list as installed. */
function missingPackages(packages: readonly string[]): string[] {
  return packages.filter((p) => {
    const res = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', p], { encoding: 'utf8' });
    return res.status !== 0 || res.stdout.trim() !== 'installed';
  });
}

function installPackages(): void {
  if (spawnSync('sh', ['-c', 'command -v dpkg-query'], { stdio: 'ignore' }).status !== 0) {
    console.log('Not a Debian machine (no dpkg-query): assuming meson, ninja, pkg-config and the libraries are installed.');
    return;
  }
  const missing = missingPackages([...DEBIAN_BUILD_TOOLS, ...DEBIAN_LIBRARIES]);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`Cannot build the mediasoup worker: Debian packages missing: ${missing.join(', ')}.\nInstall them (as root: ${command}) and run npm run setup again.`);
    process.exit(1);
  }
  console.log(`mediasoup worker: installing ${missing.join(' ')} from Debian…`);
  const res = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.status !== 0) {
    console.error(`apt-get could not install ${missing.join(', ')} (exit ${res.status}). Run \`apt-get update\` and then \`${command}\`, then npm run setup again.`);
    process.exit(1);
  }
}

/** Runs a build step, inside the loopback-only namespace when this machine can make one. */
function run(cmd: string, args: string[], isolated: boolean): void {
  const res = isolated ? spawnSync(NETNS_RUN, [cmd, ...args], { stdio: 'inherit' }) : spawnSync(cmd, args, { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status})`);
}

function canIsolate(): boolean {
  return spawnSync(NETNS_RUN, ['true'], { stdio: 'ignore' }).status === 0;
}

function main(): void {
  if (process.env.MEDIASOUP_WORKER_BIN) {
    if (!existsSync(process.env.MEDIASOUP_WORKER_BIN)) {
      console.error(`MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN} does not exist.`);
      process.exit(1);
    }
    console.log(`Using MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN}; not building.`);
    return;
  }
  // A machine that already has this build needs no packages; otherwise install them, and key the build on the
  // library versions now installed.
  const alreadyBuilt = (path: string): boolean => {
    if (existsSync(path)) console.log(`mediasoup worker: cached at ${path}`);
    return existsSync(path);
  };
  if (alreadyBuilt(cachedWorkerPath())) return;
  installPackages();
  const target = cachedWorkerPath();
  if (alreadyBuilt(target)) return;
  const { dir, version } = mediasoupPackage();
  const work = mkdtempSync(join(tmpdir(), `mediasoup-worker-${version}-`));
  const worker = join(work, 'worker');
  const build = join(work, 'build');
  console.log(`mediasoup ${version}: building the worker in ${work} against Debian's libraries (about 8 minutes on 2 cores)…`);
  console.log(debianLibraryVersions().replace(/^/gm, '  '));
  cpSync(join(dir, 'worker'), worker, { recursive: true });
  for (const patch of patchFiles()) {
    console.log(`  applying ${basename(patch)}`);
    execFileSync('patch', ['-p1', '--forward', '--batch', '-d', work, '-i', patch], { stdio: 'inherit' });
  }
  // A shim takes the place of the wrap's source only under the wrap's exact directory name; a bump that renames
  // a wrap's directory leaves the shim unused and meson stops with "nodownload", never downloading.
  cpSync(SHIM_DIR, join(worker, 'subprojects'), { recursive: true });
  const isolated = canIsolate();
  if (!isolated) console.log('  (no network namespace on this machine: building with --wrap-mode=nodownload alone)');
  try {
    run('meson', ['setup', '--wrap-mode=nodownload', '--buildtype', 'release', '-Db_ndebug=true', '-Db_pie=true', build, worker], isolated);
    run('ninja', ['-C', build, '-j', String(cpus().length), 'mediasoup-worker'], isolated);
  } catch (err) {
    console.error(`mediasoup worker build failed: ${(err as Error).message}; the build tree is kept at ${work}.`);
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  copyFileSync(join(build, 'mediasoup-worker'), partial);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  rmSync(work, { recursive: true, force: true });
  console.log(`mediasoup worker: built and cached at ${target}`);
}

main();
