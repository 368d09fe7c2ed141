#!/usr/bin/env bash
# Runs a command inside a loopback-only network namespace, so WebRTC (which gathers candidates on every
# interface) and every test server can only ever reach 127.0.0.0/8. Postgres and Redis started outside stay
# reachable through their Unix sockets.
set -euo pipefail
if [ "${SIGN_RELAY_NETNS:-}" = "1" ]; then exec "$@"; fi
if ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
  echo "netns-run: needs unshare (util-linux) and ip (iproute2): apt-get install util-linux iproute2" >&2
  exit 1
fi
flags=(-n)
[ "$(id -u)" = "0" ] || flags=(-r -n)
exec unshare "${flags[@]}" -- env SIGN_RELAY_NETNS=1 bash -c 'ip link set lo up && exec "$@"' netns-run "$@"
