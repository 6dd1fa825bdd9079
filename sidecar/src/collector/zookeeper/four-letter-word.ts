/** ZooKeeper four-letter words (`mntr`, `ruok`, `srvr`...) over the client port, with a hard timeout. */
import net from 'net';
import { CollectorError } from '../../model';

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function sendFourLetterWord(hostPort: string, word: string, timeoutMs: number): Promise<string> {
  const m = /^(.+):(\d{1,5})$/.exec(hostPort);
  if (!m) return Promise.reject(new CollectorError('CONFIG', `not host:port: ${hostPort}`, false));
  if (!/^[a-z]{4}$/.test(word)) return Promise.reject(new CollectorError('CONFIG', `not a four-letter word: ${word}`, false));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.connect({ host: m[1], port: Number(m[2]) });
    const done = (err?: CollectorError): void => {
      clearTimeout(timer);
      socket.destroy();
      if (err) return reject(err);
      const text = Buffer.concat(chunks).toString('utf8');
      if (/is not executed because it is not in the whitelist/.test(text)) {
        reject(new CollectorError('NOT_WHITELISTED', `${hostPort}: "${word}" is not in 4lw.commands.whitelist`, false));
      } else resolve(text);
    };
    const timer = setTimeout(() => done(new CollectorError('TIMEOUT', `${hostPort} did not answer "${word}" in time`, true)), timeoutMs);
    socket.on('connect', () => socket.write(word));
    socket.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_ANSWER_BYTES) return done(new CollectorError('BAD_RESPONSE', `${hostPort}: answer too large`, true));
      chunks.push(c);
    });
    socket.on('end', () => done());
    socket.on('error', (e: NodeJS.ErrnoException) => done(new CollectorError(e.code === 'ECONNREFUSED' ? 'UNREACHABLE' : e.code ?? 'SOCKET', `${hostPort}: ${e.code ?? e.message}`, true)));
  });
}
