import { startMailCapture } from './mail-capture';

/**
 * A capture on random ports in a child process (forked by the bench), as `npm start` runs the twin in its
 * own process; argv[2] is how many messages it must keep. IPC: sends {smtpPort, httpPort} when ready;
 * answers 'recipients' with every captured envelope recipient and its peak RSS; 'close' closes and exits.
 */
async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('capture-child must be started with fork()');
  const maxMessages = Number(process.argv[2]) || undefined;
  const capture = await startMailCapture({ smtpPort: 0, httpPort: 0, maxMessages });
  let peakRss = process.memoryUsage().rss;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50).unref();
  process.on('message', (msg: unknown) => {
    if (msg === 'recipients') {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      send({ recipients: capture.messages().flatMap((m) => m.to), peakRss });
    }
    if (msg === 'close') void capture.close().then(() => process.exit(0));
  });
  // The parent went away without saying 'close'.
  process.on('disconnect', () => void capture.close().then(() => process.exit(0)));
  send({ smtpPort: capture.smtpPort, httpPort: capture.httpPort });
}

main().catch((err: unknown) => {
  console.error('capture-child failed:', err);
  process.exit(1);
});
