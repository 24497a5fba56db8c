// Which IP addresses a fetch may connect to. Ingesting a URL from a feed must not let a feed author
// reach the machine's own services (169.254.169.254 metadata, 127.0.0.1:5432, the office LAN), so
// private, loopback, link-local and other non-public ranges are refused unless the user allows them.
import { isIP } from 'node:net';

type Range = [bigint, number]; // network, prefix length

function v4ToBig(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(ip: string): bigint {
  let addr = ip.toLowerCase();
  const zone = addr.indexOf('%');
  if (zone >= 0) addr = addr.slice(0, zone);
  // a trailing dotted quad (::ffff:10.0.0.1) is two hextets
  const quad = addr.match(/(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (quad) {
    const v4 = v4ToBig(quad);
    addr = addr.slice(0, -quad.length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = addr.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

const V4_BLOCKED: Range[] = (
  [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, cloud metadata
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved and broadcast
  ] as const
).map(([net, len]) => [v4ToBig(net), len]);

const V6_BLOCKED: Range[] = (
  [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // old site-local
    ['ff00::', 8], // multicast
  ] as const
).map(([net, len]) => [v6ToBig(net), len]);

function v4String(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

function inRange(addr: bigint, bits: number, [net, len]: Range): boolean {
  const shift = BigInt(bits - len);
  return addr >> shift === net >> shift;
}

/** True when `ip` (v4 or v6 literal) is not a public unicast address. */
export function isNonPublicAddress(ip: string): boolean {
  const [address = ''] = ip.split('%');
  const family = isIP(address);
  if (family === 4) {
    const a = v4ToBig(ip);
    return V4_BLOCKED.some((r) => inRange(a, 32, r));
  }
  if (family === 6) {
    const a = v6ToBig(ip);
    // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry
    // an IPv4 address that the kernel or a gateway may reach: judge that address
    const low32 = a & 0xffffffffn;
    const high96 = a >> 32n;
    if (high96 === 0xffffn || (high96 === 0n && a > 1n) || high96 === v6ToBig('64:ff9b::') >> 32n) {
      return isNonPublicAddress(v4String(low32));
    }
    // 6to4 (2002:AABB:CCDD::/48) routes to the IPv4 address AA.BB.CC.DD
    if (a >> 112n === 0x2002n) return isNonPublicAddress(v4String((a >> 80n) & 0xffffffffn));
    return V6_BLOCKED.some((r) => inRange(a, 128, r));
  }
  // not an address at all: refuse rather than guess
  return true;
}
