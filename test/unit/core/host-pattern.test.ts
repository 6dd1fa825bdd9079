import { hostOf, matchHost, parseHostPattern, parseIp, type HostPattern } from '../../../sidecar/src/core/host-pattern';

const pattern = (text: string): HostPattern => {
  const p = parseHostPattern(text);
  if (typeof p === 'string') throw new Error(p);
  return p;
};

describe('host patterns', () => {
  test.each([
    // host names: case and a trailing dot do not matter, nothing else does
    ['kafka1.example.com', 'kafka1.example.com', true],
    ['kafka1.example.com', 'KAFKA1.Example.COM.', true],
    ['kafka1.example.com', 'kafka1.example.com.evil.org', false],
    ['kafka1.example.com', 'kafka11.example.com', false],
    ['localhost', 'localhost', true],
    // domain suffixes: names below the domain only
    ['*.example.com', 'kafka1.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'evil-example.com', false],
    ['*.example.com', 'kafka1.example.com.evil.org', false],
    ['*.example.com', 'kafka1example.com', false],
    ['*.Example.com', 'KAFKA.example.COM', true],
    ['*.example.com', '10.0.0.1', false],
    // IPv4 addresses and CIDRs
    ['10.1.2.3', '10.1.2.3', true],
    ['10.1.2.3', '10.1.2.30', false],
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.0.0.0/8', '10.evil.org', false],
    ['192.168.4.0/22', '192.168.7.255', true],
    ['192.168.4.0/22', '192.168.8.0', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['0.0.0.0/0', '::1', false],
    ['127.0.0.1/32', '127.0.0.2', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true], // IPv4-mapped IPv6 is the IPv4 host
    ['10.0.0.0/8', '::ffff:a01:203', true],
    // IPv6 addresses and CIDRs, compared by value
    ['::1', '0:0:0:0:0:0:0:1', true],
    ['::1', '[::1]', true],
    ['::1', '::2', false],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['2001:db8::/32', '2001:DB8:0:0:1::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8::/32', '10.0.0.1', false],
    ['fe80::1', 'fe80::1%eth0', true],
    ['::/0', '2001:db8::1', true],
  ])('%s matches %s: %s', (text, host, expected) => {
    expect(pattern(text).matches(host)).toBe(expected);
  });

  test.each([
    ['kafka*.example.com', 'wildcard'],
    ['*example.com', 'wildcard'],
    ['10.0.0.0/33', 'prefix length'],
    ['::/129', 'prefix length'],
    ['300.0.0.0/8', 'CIDR'],
    ['kafka one', 'not a host name'],
    ['', 'not a host name'],
    ['*.', 'domain pattern'],
  ])('%j is refused (%s)', (text, why) => {
    const p = parseHostPattern(text);
    expect(typeof p).toBe('string');
    expect(p).toContain(why);
  });

  test('addresses: IPv4 in dotted quads only, IPv6 with :: and an embedded IPv4 tail', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('010.0.0.1')).toBeUndefined();
    expect(parseIp('10.0.0')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('64:ff9b::192.0.2.33')).toEqual({ family: 6, value: (0x64ff9bn << 96n) | 0xc0000221n });
    expect(parseIp('kafka1')).toBeUndefined();
  });

  test('the first matching pattern is reported', () => {
    const list = ['10.0.0.0/8', '*.example.com'].map(pattern);
    expect(matchHost(list, 'k.example.com')?.text).toBe('*.example.com');
    expect(matchHost(list, 'k.example.org')).toBeUndefined();
  });

  test.each([
    ['http://kafka1:8778/jolokia', 'kafka1'],
    ['http://[fd00::1]:8778/jolokia', 'fd00::1'],
    ['http://user:pw@kafka1:8778/', 'kafka1'],
    ['kafka1:9092', 'kafka1'],
    ['[::1]:2181', '::1'],
    ['10.0.0.1', '10.0.0.1'],
    ['http://', undefined],
  ])('the host of %s is %s', (address, host) => {
    expect(hostOf(address)).toBe(host);
  });
});
