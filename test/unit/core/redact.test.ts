import { clearSecrets, redactDeep, redactSecrets, registerSecret } from '../../../sidecar/src/core/redact';

afterEach(clearSecrets);

test('user info of any URL is removed, the rest kept', () => {
  expect(redactSecrets('http://mon:s3cret@kafka1:8778/jolokia answered HTTP 500')).toBe('http://[redacted]@kafka1:8778/jolokia answered HTTP 500');
  expect(redactSecrets('a https://u@h/x and mysql://root:pw@db:3306/d')).toBe('a https://[redacted]@h/x and mysql://[redacted]@db:3306/d');
  expect(redactSecrets('http://kafka1:8778/jolokia?x=a@b')).toBe('http://kafka1:8778/jolokia?x=a@b');
  expect(redactSecrets('mail ops@example.com')).toBe('mail ops@example.com');
});

test('registered secrets, their URL encoding and their Basic-auth value are removed wherever they appear', () => {
  registerSecret('pa ss/w0rd', 'monitor');
  const basic = Buffer.from('monitor:pa ss/w0rd').toString('base64');
  expect(redactSecrets('failed with pa ss/w0rd twice: pa ss/w0rd')).toBe('failed with [redacted] twice: [redacted]');
  expect(redactSecrets(`q=${encodeURIComponent('pa ss/w0rd')}`)).toBe('q=[redacted]');
  expect(redactSecrets(`Authorization: Basic ${basic}`)).toBe('Authorization: Basic [redacted]');
});

test('too short or empty secrets are not registered (they would redact ordinary words)', () => {
  registerSecret('ab');
  registerSecret('');
  registerSecret(undefined);
  expect(redactSecrets('ab abc')).toBe('ab abc');
});

test('redactDeep copies objects and arrays with every string redacted; other values untouched', () => {
  registerSecret('topsecret');
  const input = { a: 'x topsecret', n: 3, list: ['http://u:p@h/', { deep: 'topsecret' }], none: null };
  expect(redactDeep(input)).toEqual({ a: 'x [redacted]', n: 3, list: ['http://[redacted]@h/', { deep: '[redacted]' }], none: null });
  expect(input.a).toBe('x topsecret');
});
