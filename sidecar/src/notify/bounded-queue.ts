/** A FIFO with a capacity: pushing into a full queue drops the oldest items (the caller counts them). */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Appends items in order; returns how many of the oldest were dropped to stay within capacity. */
  push(...added: T[]): number {
    this.items.push(...added);
    const over = this.size - this.capacity;
    if (over > 0) this.head += over;
    this.compact();
    return Math.max(0, over);
  }

  /** Removes and returns up to `n` of the oldest items, in order. */
  take(n: number): T[] {
    const out = this.items.slice(this.head, this.head + Math.max(0, n));
    this.head += out.length;
    this.compact();
    return out;
  }

  /** Removes everything; returns how many items there were. */
  clear(): number {
    const n = this.size;
    this.items = [];
    this.head = 0;
    return n;
  }

  /** Drops consumed slots once they are the larger part (amortised O(1) per item). */
  private compact(): void {
    if (this.head > 0 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
