/**
 * Network faults for the browser specs, made with nftables inside the loopback-only namespace the e2e suite
 * runs in (scripts/netns-run.sh): every rule lives in its own table and touches nothing outside the namespace.
 */
import { execFileSync } from 'node:child_process';

const TABLE = 'sign_relay_fault';

function nft(...args: string[]): void {
  execFileSync('nft', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Refuses to run outside the test namespace: a rule there would cut this machine's real traffic. */
function assertInNamespace(): void {
  if (process.env.SIGN_RELAY_NETNS !== '1') throw new Error('network faults are made only inside scripts/netns-run.sh');
}

/** Drops every UDP packet (all WebRTC media; signaling over TCP stays up) until {@link restoreNetwork}. */
export function dropUdp(): void {
  assertInNamespace();
  restoreNetwork();
  nft('add', 'table', 'inet', TABLE);
  nft('add', 'chain', 'inet', TABLE, 'out', '{ type filter hook output priority 0 ; policy accept ; }');
  nft('add', 'rule', 'inet', TABLE, 'out', 'meta', 'l4proto', 'udp', 'drop');
}

/**
 * Drops every packet to or from the media ports (UDP and TCP) until {@link restoreNetwork}: the media path
 * is gone, including the ICE-TCP fallback, while signaling on the HTTP port stays up.
 */
export function dropMediaPorts(min: number, max: number): void {
  assertInNamespace();
  restoreNetwork();
  nft('add', 'table', 'inet', TABLE);
  nft('add', 'chain', 'inet', TABLE, 'out', '{ type filter hook output priority 0 ; policy accept ; }');
  for (const proto of ['udp', 'tcp']) {
    nft('add', 'rule', 'inet', TABLE, 'out', proto, 'dport', `${min}-${max}`, 'drop');
    nft('add', 'rule', 'inet', TABLE, 'out', proto, 'sport', `${min}-${max}`, 'drop');
  }
}

/** Drops every packet to or from these ports (UDP and TCP), for good until {@link restoreNetwork}. */
export function dropPorts(ports: readonly number[]): void {
  assertInNamespace();
  if (ports.length === 0) throw new Error('dropPorts: no ports');
  restoreNetwork();
  const set = `{ ${[...new Set(ports)].join(', ')} }`;
  nft('add', 'table', 'inet', TABLE);
  nft('add', 'chain', 'inet', TABLE, 'out', '{ type filter hook output priority 0 ; policy accept ; }');
  for (const proto of ['udp', 'tcp']) {
    nft('add', 'rule', 'inet', TABLE, 'out', proto, 'dport', set, 'drop');
    nft('add', 'rule', 'inet', TABLE, 'out', proto, 'sport', set, 'drop');
  }
}

/** Removes every fault this module made. */
export function restoreNetwork(): void {
  assertInNamespace();
  try {
    nft('delete', 'table', 'inet', TABLE);
  } catch {
    // No such table: nothing to remove.
  }
}
