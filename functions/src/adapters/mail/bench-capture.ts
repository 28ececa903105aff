import { fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, extname, join } from 'node:path';
import type { OutgoingEmail } from '../../shared/mail';
import { startMailCapture } from './mail-capture';
import { SmtpTransport } from './smtp-transport';

export interface CaptureBench {
  count: number;
  seconds: number;
  perSecond: number;
  /** Sender's peak RSS plus the capture process's (they are one process with `inProcess`). */
  peakRssMb: number;
  /** Recipients that received more than one copy. */
  duplicates: number;
  /** Recipients that received nothing. */
  missing: number;
}

/** A newsletter-sized message (a few KB of HTML and text) with the headers a real send carries. */
function benchMessage(i: number): OutgoingEmail {
  const para = `<p>Paragraph ${i}: this week's tutorial, examples and an event you can join.</p>`;
  return {
    id: `bench-${i}`,
    to: `member${i}@bench.test`,
    from: 'Commons <news@commons.test>',
    subject: `Bench issue #${i}`,
    html: `<html><body><h1>Issue ${i}</h1>${para.repeat(30)}</body></html>`,
    text: `Issue ${i}\n\n${'This week: a tutorial, examples and an event you can join.\n'.repeat(30)}`,
    headers: {
      'List-Unsubscribe': `<https://commons.test/u?t=${i}>, <mailto:unsubscribe@commons.test?subject=${i}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    stream: 'newsletter',
  };
}

interface CaptureHandle {
  smtpPort: number;
  /** Every captured envelope recipient, and the capture's peak RSS when it runs in its own process. */
  recipients(): Promise<{ recipients: string[]; peakRss?: number }>;
  close(): Promise<void>;
}

async function inProcessCapture(maxMessages: number): Promise<CaptureHandle> {
  const capture = await startMailCapture({ smtpPort: 0, httpPort: 0, maxMessages });
  return {
    smtpPort: capture.smtpPort,
    recipients: async () => ({ recipients: capture.messages().flatMap((m) => m.to) }),
    close: () => capture.close(),
  };
}

/**
 * The capture in a forked process, from the same folder and extension as this file (src under tsx, or lib).
 */
async function childCapture(maxMessages: number): Promise<CaptureHandle> {
  const ext = extname(__filename);
  // Loaded through tsx's in-process API, the child would not inherit the loader: ask for it explicitly.
  const needsTsx = ext === '.ts' && !process.execArgv.some((a) => a.includes('tsx'));
  const child = fork(join(dirname(__filename), `capture-child${ext}`), [String(maxMessages)], {
    stdio: 'inherit',
    execArgv: needsTsx ? [...process.execArgv, '--import', 'tsx'] : process.execArgv,
  });
  const exited = once(child, 'exit');
  const [ready] = (await Promise.race([once(child, 'message'), exited.then(() => [undefined])])) as [
    { smtpPort: number } | undefined,
  ];
  if (!ready) throw new Error('The mail capture child process exited before it was ready');
  return {
    smtpPort: ready.smtpPort,
    recipients: async () => {
      child.send('recipients');
      const [answer] = (await once(child, 'message')) as [{ recipients: string[]; peakRss: number }];
      return answer;
    },
    close: async () => {
      child.send('close');
      await exited;
    },
  };
}

/**
 * Pushes `count` messages through the pooled SMTP transport into a capture on random ports, in batches
 * of maxBatch, and checks each recipient got exactly one copy. Called by `npm run bench`. The capture runs
 * in a child process by default (as under `npm start`); `inProcess` runs sender and capture on one thread.
 */
export async function benchSmtpCapture(
  count: number,
  opts: { pool?: number; inProcess?: boolean } = {},
): Promise<CaptureBench> {
  const keep = Math.max(count, 1);
  const capture = opts.inProcess ? await inProcessCapture(keep) : await childCapture(keep);
  const transport = new SmtpTransport({ host: '127.0.0.1', port: capture.smtpPort, secure: false, pool: opts.pool });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  let failed = 0;
  try {
    for (let start = 0; start < count; start += transport.maxBatch) {
      const batch = Array.from({ length: Math.min(transport.maxBatch, count - start) }, (_, k) =>
        benchMessage(start + k),
      );
      failed += (await transport.sendBatch(batch)).filter((r) => !r.ok).length;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const seen = new Map<string, number>();
    const captured = await capture.recipients();
    for (const to of captured.recipients) seen.set(to, (seen.get(to) ?? 0) + 1);
    let duplicates = 0;
    let missing = 0;
    for (let i = 0; i < count; i++) {
      const n = seen.get(`member${i}@bench.test`) ?? 0;
      if (n === 0) missing++;
      if (n > 1) duplicates++;
    }
    if (failed > 0) console.warn(`benchSmtpCapture: ${failed} sends reported ok:false`);
    return {
      count,
      seconds: Math.round(seconds * 100) / 100,
      perSecond: Math.round(count / seconds),
      peakRssMb: Math.round((peakRss + (captured.peakRss ?? 0)) / 1024 / 1024),
      duplicates,
      missing,
    };
  } finally {
    clearInterval(sampler);
    await transport.close();
    await capture.close();
  }
}
