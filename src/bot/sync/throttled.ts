/**
 * Calls `work` at most once per interval however often `poke` is called, always with the latest
 * state, and never two at a time. Progress cards are edited this way: Teams throttles message
 * updates per conversation, and a task reports progress far more often than anyone can read.
 */
export class Throttled {
  private last = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private dirty = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  poke(): void {
    this.dirty = true;
    if (this.stopped || this.timer || this.running) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fire();
    }, wait);
  }

  /** Stops the schedule and runs once more (after any call in flight) with the final state. */
  async flush(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    this.dirty = true;
    await this.fire();
  }

  private async fire(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.last = Date.now();
    this.running = this.work().catch(this.onError);
    await this.running;
    this.running = undefined;
    if (this.dirty) this.poke();
  }
}
