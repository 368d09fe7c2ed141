/**
 * Builds the mediasoup worker from the source shipped in the npm tarball, applying the repo's patches,
 * and caches the binary outside node_modules keyed by mediasoup version + patch contents.
 *
 * Why: mediasoup's own postinstall downloads a prebuilt worker (or fetches build deps) from the internet,
 * which these machines cannot reach; the root package.json disables it with allowScripts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedWorkerPath, mediasoupPackage, patchFiles } from '../../../sfu-server/src/media/workerBinary.ts';

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
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
  const target = cachedWorkerPath();
  if (existsSync(target)) {
    console.log(`mediasoup worker: cached at ${target}`);
    return;
  }
  const missing = ['g++', 'make', 'python3', 'patch'].filter((c) => !have(c));
  if (missing.length > 0) {
    console.error(
      `Cannot build the mediasoup worker: missing ${missing.join(', ')}. Install them (Debian: apt-get install g++ make python3 patch) and run npm run setup again.`,
    );
    process.exit(1);
  }
  const { dir, version } = mediasoupPackage();
  const work = mkdtempSync(join(tmpdir(), `mediasoup-worker-${version}-`));
  console.log(`mediasoup ${version}: building the worker in ${work} (about 10 minutes on 2 cores)…`);
  cpSync(join(dir, 'worker'), join(work, 'worker'), { recursive: true });
  for (const patch of patchFiles()) {
    console.log(`  applying ${patch}`);
    execFileSync('patch', ['-p1', '--forward', '--batch', '-d', work, '-i', patch], { stdio: 'inherit' });
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHON: 'python3' };
  delete env.MEDIASOUP_WORKER_BIN;
  const cores = String(cpus().length);
  const res = spawnSync('make', ['-C', join(work, 'worker'), `PYTHON=python3`, `CORES=${cores}`], { stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`mediasoup worker build failed (exit ${res.status}); the build tree is kept at ${work}.`);
    process.exit(1);
  }
  const built = join(work, 'worker', 'out', 'Release', 'mediasoup-worker');
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  copyFileSync(built, partial);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  rmSync(work, { recursive: true, force: true });
  console.log(`mediasoup worker: built and cached at ${target}`);
}

main();
