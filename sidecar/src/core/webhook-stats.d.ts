/** Delivery of one configured webhook (notify/ keeps it; GET /status lists it). Types only. */

export type WebhookFormat = 'json' | 'slack';

export type DeliveryState = 'ok' | 'failing' | 'rejected';

export interface WebhookStats {
  webhook: string;
  format: WebhookFormat;
  state: DeliveryState;
  /** Events delivered (2xx). */
  sent: number;
  /** Events given up: not retriable (4xx) or still failing after every attempt. */
  failed: number;
  /** Events dropped: the queue was full, or they were still waiting when the notifier stopped. */
  dropped: number;
  /** Events waiting, the one being sent included. */
  queued: number;
  /** Attempts repeated after a retriable failure. */
  retries: number;
  lastError: string | null;
  lastErrorAt: number | null;
  lastSentAt: number | null;
}
