/** A tiny typed event emitter that works in Node and browsers alike (no `node:events` in the browser bundle). */
export class Emitter<Events extends { [K in keyof Events]: (...args: any[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(name: K, listener: Events[K]): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener);
  }

  once<K extends keyof Events>(name: K, listener: Events[K]): () => void {
    const wrapper = ((...args: unknown[]) => { off(); (listener as (...a: unknown[]) => void)(...args); }) as Events[K];
    // So that off(name, listener) also removes a once-listener.
    (wrapper as { original?: unknown }).original = listener;
    const off = this.on(name, wrapper);
    return off;
  }

  off<K extends keyof Events>(name: K, listener: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    if (set.delete(listener)) return;
    for (const l of set) if ((l as { original?: unknown }).original === listener) { set.delete(l); return; }
  }

  listenerCount(name: keyof Events): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** Calls every listener; one that throws is reported to `onListenerError` and does not stop the others. */
  protected emit<K extends keyof Events>(name: K, ...args: Parameters<Events[K]>): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const l of [...set]) {
      try { (l as (...a: unknown[]) => void)(...args); } catch (e) { this.onListenerError(e); }
    }
  }

  protected onListenerError(e: unknown): void {
    // A throwing listener must not break the connection; surface it asynchronously like an unhandled error.
    setTimeout(() => { throw e; });
  }
}
