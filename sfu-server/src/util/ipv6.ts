/**
 * The /64 an IPv6 address belongs to (one subscriber's prefix), as `a:b:c:d::/64` with each group in short hex.
 * `::` is expanded, and an embedded IPv4 tail (`::ffff:1.2.3.4`) counts as the two groups it stands for.
 */
export function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = Math.max(0, 8 - left.length - right.length - right.filter((g) => g.includes('.')).length);
  const groups = tail === undefined ? left : [...left, ...Array<string>(fill).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
