import { hostCheck, hostNameOf } from '../../../sidecar/src/api/host-check';
import { isLoopbackHost } from '../../../sidecar/src/core/loopback';

test.each([
  ['127.0.0.1', true],
  ['127.8.9.10', true],
  ['localhost', true],
  ['LOCALHOST', true],
  ['::1', true],
  ['[::1]', true],
  ['0.0.0.0', false],
  ['::', false],
  ['10.0.0.1', false],
  ['128.0.0.1', false],
  ['kafka1.example.com', false],
  ['localhost.example.com', false],
])('isLoopbackHost(%s) = %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));

test.each([
  ['127.0.0.1:8787', '127.0.0.1'],
  ['Example.COM', 'example.com'],
  ['[::1]:80', '[::1]'],
  ['a b', undefined],
  ['', undefined],
  [undefined, undefined],
])('hostNameOf(%s) = %s', (header, expected) => expect(hostNameOf(header)).toBe(expected));

describe('hostCheck', () => {
  const cases: Array<[string, string, string[], string | undefined, boolean]> = [
    ['loopback listener, 127.0.0.1', '127.0.0.1', [], '127.0.0.1:8787', true],
    ['loopback listener, localhost', '127.0.0.1', [], 'localhost:8787', true],
    ['loopback listener, [::1]', '127.0.0.1', [], '[::1]:8787', true],
    ['loopback listener, a rebound name', '127.0.0.1', [], 'attacker.example:8787', false],
    ['no Host header', '127.0.0.1', [], undefined, false],
    ['the listening address itself', '10.1.2.3', [], '10.1.2.3:8787', true],
    ['an IPv6 listening address', 'fd00::5', [], '[fd00::5]:8787', true],
    ['a wildcard listener, an unlisted name', '0.0.0.0', [], 'monitor.example.com', false],
    ['a wildcard listener, a listed name', '0.0.0.0', ['monitor.example.com'], 'MONITOR.example.com:8787', true],
    ['a listed name does not allow its subdomains', '0.0.0.0', ['example.com'], 'x.example.com', false],
    ['`*` allows any', '0.0.0.0', ['*'], 'anything.example', true],
  ];
  it.each(cases)('%s', (_name, listen, allowed, header, expected) => expect(hostCheck(listen, allowed)(header)).toBe(expected));
});

test.each([
  ['0:0:0:0:0:0:0:1', true],
  ['::ffff:127.0.0.1', true],
  ['::ffff:10.0.0.1', false],
  ['::2', false],
  ['fe80::1', false],
  ['127.0.0.1.example.com', false],
])('isLoopbackHost(%s) = %s (address forms)', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
