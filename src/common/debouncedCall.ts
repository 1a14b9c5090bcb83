// Runs a function once, a fixed delay after the last request: the views refresh
// once for a burst of data changes instead of once per change.

export class DebouncedCall {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => void,
    private readonly delayMs: number,
  ) {}

  /** (Re)starts the delay; `run` is called once when it ends. */
  schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  /** Drops a pending run, if any. */
  cancel(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.cancel();
  }
}
