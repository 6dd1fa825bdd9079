/** In-process fan-out of every collection as it lands (the API's WebSocket hub listens here). */
import type { LiveBatch, LiveEvents, LiveFeed } from '../api/ports';

export class LiveFeedHub implements LiveFeed {
  private readonly listeners = new Set<(b: LiveBatch) => void>();
  private readonly eventListeners = new Set<(e: LiveEvents) => void>();

  onEvents(listener: (e: LiveEvents) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Delivers recorded events to every listener; a throwing listener never stops the others. */
  publishEvents(e: LiveEvents): void {
    if (e.events.length === 0) return;
    for (const l of this.eventListeners) {
      try {
        l(e);
      } catch {
        // a listener's own bug must not break collection
      }
    }
  }

  onBatch(listener: (b: LiveBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers a batch to every listener; a throwing listener never stops the others. */
  publish(batch: LiveBatch): void {
    for (const l of this.listeners) {
      try {
        l(batch);
      } catch {
        // a listener's own bug must not break collection
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
