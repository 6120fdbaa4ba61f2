/**
 * One run of `pass` at a time: a call while it runs shares that run and makes it go round once
 * more, so nothing asked for meanwhile waits for the next call (the digest outbox, the holder asks).
 */
export class SingleFlight {
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly goOn: () => boolean = () => true,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && this.goOn());
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
