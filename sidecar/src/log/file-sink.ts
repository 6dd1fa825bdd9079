/**
 * The optional log file: JSON lines appended to `path`, rotated by rotating-file-stream (a small,
 * dependency-free library) when it reaches `maxBytes`; `path.1` … `path.<maxFiles - 1>` keep the
 * previous ones and older ones are deleted, so the log never takes more than about maxFiles × maxBytes.
 */
import path from 'path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { LogSink } from './logger';

export interface LogFileOptions {
  path: string;
  maxBytes: number;
  /** Files kept, the one being written included (≥ 2). */
  maxFiles: number;
}

export interface LogFile {
  sink: LogSink;
  /** Ends the stream after what was written is on disk. Idempotent. */
  close(): Promise<void>;
}

export function openLogFile(opts: LogFileOptions): LogFile {
  const stream: RotatingFileStream = createStream(path.basename(opts.path), {
    path: path.dirname(path.resolve(opts.path)),
    size: `${opts.maxBytes}B`,
    rotate: opts.maxFiles - 1,
  });
  let failed = false;
  stream.on('error', (err: Error) => {
    // The log cannot log its own failure: say it once on stderr and keep running.
    if (!failed) process.stderr.write(`log file ${opts.path} failed: ${err.message}\n`);
    failed = true;
  });
  let closed: Promise<void> | undefined;
  return {
    sink: (line) => {
      if (!closed) stream.write(line + '\n');
    },
    close: () => (closed ??= new Promise<void>((resolve) => stream.end(() => resolve()))),
  };
}
