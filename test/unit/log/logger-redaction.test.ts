import { createLogger } from '../../../sidecar/src/log/logger';
import { clearSecrets, registerSecret } from '../../../sidecar/src/core/redact';

afterEach(clearSecrets);

test('no secret reaches a log line: secret-named keys, URL user info, registered secrets in the message, fields and errors', () => {
  const lines: string[] = [];
  registerSecret('hunter22');
  const log = createLogger('debug', (l) => lines.push(l)).child({ url: 'http://mon:hunter22@kafka1:8778/jolokia' });
  log.warn('failed with hunter22', {
    password: 'anything',
    nested: { detail: ['token hunter22'] },
    err: new Error('http://u:p@h/ refused hunter22'),
  });
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).not.toContain('hunter22');
  expect(line).not.toContain('anything');
  expect(line).not.toContain('u:p@');
  const record = JSON.parse(line) as Record<string, unknown>;
  expect(record).toMatchObject({
    msg: 'failed with [redacted]',
    url: 'http://[redacted]@kafka1:8778/jolokia',
    password: '[redacted]',
    nested: { detail: ['token [redacted]'] },
    err: { message: 'http://[redacted]@h/ refused [redacted]', name: 'Error' },
  });
});
