/**
 * Runs `work` every `everyMs` in the server process: a run still going is never overlapped, a failure is logged by
 * name (never its message, which could carry data) and the next tick tries again, and the timer does not keep the
 * process alive. Returns stop, which waits for a run in progress. The reminder, late-note, hours and draw jobs use it.
 */
export function startPeriodic(name: string, work: () => Promise<unknown>, everyMs: number, log?: (m: string) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .catch(() => log?.(`${name} run failed`))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
