/**
 * The "late write" fault: an assignLicense held unanswered until it lands, released by the control
 * surface or after a delay. Graph received the request, so it lands whatever became of the client
 * meanwhile (a process killed while the write was in flight), and the client, if still there, gets
 * an answer that does not tell whether it happened (503 or a dropped connection).
 */
export class LateWrites {
  private readonly waiting = new Set<() => void>();

  /** Resolves when the write may land: on `land()`, or after `landAfterMs` when given. */
  hold(landAfterMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const land = () => {
        this.waiting.delete(land);
        resolve();
      };
      this.waiting.add(land);
      if (landAfterMs !== undefined) setTimeout(land, landAfterMs).unref();
    });
  }

  /** Writes waiting to land. */
  get held(): number {
    return this.waiting.size;
  }

  /** Lets every held write land now; returns how many did. */
  land(): number {
    const all = [...this.waiting];
    for (const land of all) land();
    return all.length;
  }
}
