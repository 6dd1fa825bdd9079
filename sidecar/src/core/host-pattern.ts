/**
 * Host patterns of the allow-list and of credential scopes (pure): a host name (`kafka1.example.com`,
 * case-insensitive), a domain suffix (`*.example.com`: any name below example.com, not example.com
 * itself and not `evil-example.com`), an IPv4 or IPv6 address, or a CIDR block (`10.0.0.0/8`,
 * `fd00::/8`). IPv6 is compared by value, so `::1` and `0:0:0:0:0:0:0:1` are the same host; an
 * IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) matches IPv4 patterns.
 */

export interface HostPattern {
  /** As written in the config. */
  text: string;
  matches(host: string): boolean;
}

type Ip = { family: 4 | 6; value: bigint };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) names an interface, not another host
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseIpv4(v4[1] as string);
    if (n === undefined) return undefined;
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string | undefined): string[] | undefined => (h === undefined || h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return undefined;
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const zeros = Array<bigint>(8 - total).fill(0n);
  const all = [...head.map((g) => BigInt(`0x${g}`)), ...zeros, ...rest.map((g) => BigInt(`0x${g}`))];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Pure: an IPv4 or IPv6 address (brackets allowed); an IPv4-mapped IPv6 address counts as IPv4. */
export function parseIp(host: string): Ip | undefined {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(h);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (!h.includes(':')) return undefined;
  const v6 = parseIpv6(h);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

const normalName = (h: string): string => h.toLowerCase().replace(/\.$/, '');

/** Pure: the pattern, or an explanation of why it is not one. */
export function parseHostPattern(text: string): HostPattern | string {
  const t = text.trim();
  const cidr = /^(.+)\/(\d{1,3})$/.exec(t);
  if (cidr) {
    const ip = parseIp(cidr[1] as string);
    const bits = Number(cidr[2]);
    if (!ip) return `"${text}" is not a CIDR block (address/length)`;
    const width = ip.family === 4 ? 32 : 128;
    if (bits > width) return `"${text}": prefix length above ${width}`;
    const shift = BigInt(width - bits);
    const net = ip.value >> shift;
    return { text, matches: (h) => ((a) => !!a && a.family === ip.family && a.value >> shift === net)(parseIp(h)) };
  }
  const ip = parseIp(t);
  if (ip) return { text, matches: (h) => ((a) => !!a && a.family === ip.family && a.value === ip.value)(parseIp(h)) };
  if (t.startsWith('*.')) {
    const domain = normalName(t.slice(2));
    if (!HOST_NAME.test(domain)) return `"${text}" is not a domain pattern like *.example.com`;
    return { text, matches: (h) => !parseIp(h) && normalName(h).endsWith(`.${domain}`) };
  }
  if (t.includes('*')) return `"${text}": a wildcard is allowed only as a leading "*." (e.g. *.example.com)`;
  const name = normalName(t);
  if (!HOST_NAME.test(name)) return `"${text}" is not a host name, address, CIDR block or *.domain`;
  return { text, matches: (h) => normalName(h) === name };
}

/** Pure: patterns already validated by the config; an invalid one throws (a bug, not an input error). */
export function compileHostPatterns(texts: readonly string[]): HostPattern[] {
  return texts.map((t) => {
    const p = parseHostPattern(t);
    if (typeof p === 'string') throw new Error(p);
    return p;
  });
}

/** Pure: the first pattern `host` matches, or undefined. */
export function matchHost(patterns: readonly HostPattern[], host: string): HostPattern | undefined {
  return patterns.find((p) => p.matches(host));
}

/** Pure: the host of a URL (`http://[::1]:8778/jolokia` → `::1`), of `host:port`, or undefined. */
export function hostOf(address: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    try {
      const h = new URL(address).hostname;
      return h.replace(/^\[(.*)\]$/, '$1') || undefined;
    } catch {
      return undefined;
    }
  }
  const m = /^(\[[^\]]+\]|[^:/]+)(:\d+)?$/.exec(address.trim());
  return m ? (m[1] as string).replace(/^\[(.*)\]$/, '$1') : undefined;
}
