// Runs a refresh one at a time: a request that arrives while one is running is
// not dropped but makes it run once more when it ends, so the last data change
// is always shown, and a burst of requests costs at most one extra run. Both
// views (payloadView.ts, insightsView.ts) refresh through one of these.

export class SerialRefresh {
  private running = false;
  private again = false;

  /** `pass` does one refresh; it returns false to stop early (the view is gone or hidden). */
  constructor(private readonly pass: () => Promise<boolean>) {}

  /** Resolves when the refresh it started ends, or at once when it only asked the running one to go again. */
  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (!(await this.pass())) {
          return;
        }
      } while (this.again);
    } finally {
      this.running = false;
    }
  }
}
