/**
 * Runs a local twin from the command line (`npx tsx …-cli.ts`): starts it, prints how to reach it, and
 * closes it cleanly on Ctrl-C or SIGTERM (how `npm start` and the test scripts stop their children).
 */
export function serveUntilSignal<T extends { close(): Promise<void> }>(
  name: string,
  start: () => Promise<T>,
  banner: (service: T) => string,
): void {
  start().then(
    (service) => {
      console.log(banner(service));
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        service.close().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(`${name} failed to start:`, err);
      process.exit(1);
    },
  );
}
