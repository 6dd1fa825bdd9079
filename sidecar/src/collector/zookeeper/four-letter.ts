/**
 * ZooKeeper four-letter words (`mntr`, `ruok`, `srvr`, ...) over the client port.
 * One TCP connection per word: connect, write the word, read until the server closes.
 * Every failure is a CollectorError; the whole exchange has one deadline.
 */
import net from 'net';
import { CollectorError } from '../../core/collection';

/** Largest answer accepted (a `cons`/`wchs` of a busy server is big; `mntr` is ~5 KB). */
export const MAX_FOUR_LETTER_ANSWER_BYTES = 4 * 1024 * 1024;

/** What ZooKeeper writes back (then closes) when the word is not in `4lw.commands.whitelist`. */
const NOT_WHITELISTED = /is not executed because it is not in the whitelist/;
/** What a server without quorum writes back for every word except a few (`ruok`, `envi`...). */
const NOT_SERVING = /not currently serving requests/;

/** Pure: splits `host:port` / `[v6]:port`; undefined when malformed. */
export function parseHostPort(hostPort: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(hostPort.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (m[1] ?? m[2]) as string, port };
}

/**
 * Sends `word` to the ZooKeeper server at `hostPort` and resolves with its whole answer.
 * Rejects with CollectorError:
 * - `CONFIG` (not retriable): malformed address or word;
 * - `NOT_WHITELISTED` (not retriable): "<word> is not executed because it is not in the whitelist";
 * - `NOT_SERVING` (retriable): the server runs but has no quorum;
 * - `TOO_LARGE` (not retriable): an answer over {@link MAX_FOUR_LETTER_ANSWER_BYTES}, the socket closed at once;
 * - `TIMEOUT`, `UNREACHABLE`, `SOCKET`, `BAD_RESPONSE` (retriable).
 */
export function sendFourLetterWord(hostPort: string, word: string, timeoutMs: number): Promise<string> {
  const addr = parseHostPort(hostPort);
  if (!addr) return Promise.reject(new CollectorError('CONFIG', `not host:port: ${hostPort}`, false));
  if (!/^[a-z]{4}$/.test(word)) return Promise.reject(new CollectorError('CONFIG', `not a four-letter word: ${JSON.stringify(word).slice(0, 40)}`, false));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = net.connect({ host: addr.host, port: addr.port });
    const finish = (err?: CollectorError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) return reject(err);
      const text = Buffer.concat(chunks).toString('utf8');
      if (NOT_WHITELISTED.test(text)) {
        reject(
          new CollectorError(
            'NOT_WHITELISTED',
            `${hostPort}: "${word}" is not executed because it is not in the whitelist (add it to 4lw.commands.whitelist)`,
            false,
          ),
        );
      } else if (NOT_SERVING.test(text) && word !== 'ruok') {
        reject(new CollectorError('NOT_SERVING', `${hostPort}: ${text.trim().slice(0, 200)}`, true));
      } else resolve(text);
    };
    const timer = setTimeout(() => finish(new CollectorError('TIMEOUT', `${hostPort} did not answer "${word}" within ${timeoutMs} ms`, true)), timeoutMs);
    socket.on('connect', () => socket.write(word));
    socket.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FOUR_LETTER_ANSWER_BYTES)
        return finish(new CollectorError('TOO_LARGE', `${hostPort}: "${word}" answer larger than ${MAX_FOUR_LETTER_ANSWER_BYTES} bytes`, false));
      chunks.push(c);
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ECONNREFUSED' ? 'UNREACHABLE' : 'SOCKET';
      finish(new CollectorError(code, `${hostPort}: ${e.code ?? e.message}`, true));
    });
  });
}
