/**
 * The one error type of the Flamingo registration. `details` lists every problem found
 * (e.g. each modified file) so the CLI can print them all at once.
 */
export class FlamingoInstallError extends Error {
  readonly retriable: boolean;
  readonly details: string[];
  constructor(message: string, opts: { retriable?: boolean; details?: string[] } = {}) {
    super(opts.details && opts.details.length ? `${message}\n  - ${opts.details.join('\n  - ')}` : message);
    this.name = 'FlamingoInstallError';
    this.retriable = opts.retriable ?? false;
    this.details = opts.details ?? [];
  }
}
