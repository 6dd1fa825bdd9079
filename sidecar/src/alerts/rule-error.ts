/** A rule change that cannot be made: bad input (answered 400, with the field at fault) or an unknown rule/cluster (404). */
export class RuleChangeError extends Error {
  readonly retriable = false;
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND',
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'RuleChangeError';
  }
}
