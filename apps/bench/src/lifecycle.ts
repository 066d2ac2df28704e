/** Stops what the bench started (server, embedded PostgreSQL), newest first, also on Ctrl+C. */
export class Cleanup {
  private readonly tasks: { name: string; run: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void>): void {
    this.tasks.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const task of [...this.tasks].reverse()) {
        try {
          await task.run();
        } catch (error) {
          console.error(`could not stop ${task.name}:`, error);
        }
      }
    })();
    return this.running;
  }

  onSignals(beforeExit: () => void): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping…`);
        beforeExit();
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}
