/**
 * The lifecycle every long-lived module implements (Burrow's coordinator contract):
 * construction validates without I/O; start() acquires what the module needs;
 * stop() releases it, may be called at any time (also before or during start) and any number
 * of times, and never throws. The composition root starts modules in dependency order and
 * stops them in reverse.
 */
export interface Lifecycle {
  /** A short name for logs and start/stop errors (`store`, `writer`, `scheduler`, `api`). */
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
