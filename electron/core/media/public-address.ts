import { BlockList, isIP } from 'node:net';

/**
 * Addresses a link download must not reach: this machine, the shop's own network and other
 * non-internet ranges (RFC 6890 special-purpose blocks, cloud metadata at 169.254.169.254).
 */
const blockedV4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4');
}
// A separate list: BlockList matches IPv4 addresses against IPv6 rules as IPv4-mapped, so the
// ::ffff:0:0/96 rule below would otherwise block every IPv4 address.
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible addresses (::a.b.c.d).
  ['::', 96],
  // Addresses that carry an IPv4 address, any of which could hide a private one: IPv4-mapped (in
  // either spelling, ::ffff:127.0.0.1 or ::ffff:7f00:1), NAT64 (well-known and local-use), 6to4
  // and Teredo.
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['2001::', 32],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6');
}

/** True for an internet address; false for loopback, private, link-local and reserved ones. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  return version === 4 ? !blockedV4.check(address, 'ipv4') : !blockedV6.check(address, 'ipv6');
}
