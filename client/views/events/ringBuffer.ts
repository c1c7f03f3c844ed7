/**
 * A fixed-capacity FIFO that drops its oldest items when full, so a day of tailing holds at most `capacity`
 * rows. Pure (no VS Code), shared by the host's tail and the webview's mirror of it.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  /** Index of the oldest item. */
  private head = 0;
  private count = 0;
  private droppedTotal = 0;

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`a ring buffer needs a positive integer capacity, not ${cap}`);
    this.items = new Array<T | undefined>(cap);
  }

  get capacity(): number { return this.cap; }
  get length(): number { return this.count; }
  /** Items dropped to make room since creation or the last clear(). */
  get dropped(): number { return this.droppedTotal; }

  push(item: T): void {
    if (this.count < this.cap) {
      this.items[(this.head + this.count) % this.cap] = item;
      this.count++;
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.cap;
    this.droppedTotal++;
  }

  pushAll(items: Iterable<T>): void {
    for (const item of items) this.push(item);
  }

  /** The i-th oldest item (0 = oldest). */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.head + i) % this.cap];
  }

  newest(): T | undefined { return this.at(this.count - 1); }

  /** The newest `n` items, oldest first. */
  tail(n: number): T[] {
    const k = Math.max(0, Math.min(n, this.count));
    const out = new Array<T>(k);
    for (let i = 0; i < k; i++) out[i] = this.items[(this.head + this.count - k + i) % this.cap] as T;
    return out;
  }

  toArray(): T[] { return this.tail(this.count); }

  /** The newest item that satisfies `pred`, searching from the newest end. */
  findLast(pred: (item: T) => boolean): T | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const item = this.items[(this.head + i) % this.cap] as T;
      if (pred(item)) return item;
    }
    return undefined;
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.cap);
    this.head = 0;
    this.count = 0;
    this.droppedTotal = 0;
  }

  /** A new capacity keeps the newest items that fit; the ones that do not count as dropped. */
  resize(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a ring buffer needs a positive integer capacity, not ${capacity}`);
    if (capacity === this.cap) return;
    const kept = this.tail(capacity);
    this.droppedTotal += this.count - kept.length;
    this.cap = capacity;
    this.items = new Array<T | undefined>(capacity);
    this.head = 0;
    this.count = 0;
    for (const item of kept) this.push(item);
  }
}
