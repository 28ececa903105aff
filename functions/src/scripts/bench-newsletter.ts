// Newsletter fan-out bench (part of `npm run bench`, inside the emulators): 10,000 members in a project
// of its own on the Firestore emulator, one issue sent through the real sender (claimed batches,
// per-recipient ledger) and the pooled SMTP transport into the local capture. Reports messages per
// second, peak memory and exactly-once (duplicates, missing). Target: >= 200 messages/s, 0 duplicates.
import { startMailCapture } from '../adapters/mail/twin/mail-capture';
import { SmtpTransport } from '../adapters/mail/smtp-transport';
import { sendBatch, startNewsletter, type SenderDeps } from '../newsletters/newsletter-sender';
import { saveNewsletter, scheduleNewsletter } from '../newsletters/newsletter-store';
import { NEWSLETTER_BATCHES, NEWSLETTERS } from '../shared/newsletters';
import { DEFAULT_TIERS } from '../shared/defaults';
import { highestTier, PUBLIC_ACCESS, sortedTiers } from '../shared/tiers';
import { emptyBenchFirestore } from './bench-firestore';

const PROJECT = 'demo-newsletter-bench';
const COUNT = Number(process.env.BENCH_MEMBERS ?? 10_000);
/** Batch workers at once, as several trigger instances would run in production. */
const WORKERS = 4;
const TARGET = 200;

async function main() {
  const db = await emptyBenchFirestore(PROJECT);
  await db.doc('config/tiers').set(DEFAULT_TIERS);
  const writer = db.bulkWriter();
  const tiers = sortedTiers(DEFAULT_TIERS);
  for (let i = 0; i < COUNT; i++) {
    const tier = tiers[i % tiers.length]!;
    void writer.set(db.doc(`members/m${String(i).padStart(5, '0')}`), {
      email: `m${i}@bench.test`,
      rank: tier.rank,
      tier: tier.id,
      emailPrefs: { newsletter: true, events: true },
    });
  }
  await writer.close();

  const capture = await startMailCapture({ smtpPort: 0, httpPort: 0, maxMessages: COUNT * 2 });
  const transport = new SmtpTransport({ host: '127.0.0.1', port: capture.smtpPort, secure: false, pool: 8 });
  const deps: SenderDeps = {
    db,
    transport,
    now: () => new Date(),
    settings: {
      from: 'Commons <news@bench.test>',
      appUrl: 'http://app.test',
      postalAddress: 'Commons, 1 Bench Street, Benchville',
      unsubscribeSecret: 'bench',
    },
  };
  const sections = [
    {
      access: PUBLIC_ACCESS,
      markdown: '## This week\n\nA tutorial on **window functions**, with [examples](https://example.com).',
    },
    { access: highestTier(DEFAULT_TIERS).id, markdown: 'The premium deep dive: frames, peers and the default frame.' },
  ];
  const id = await saveNewsletter(
    db,
    { subject: 'Bench issue', preview: '', sections, audience: 'everyone', materialId: null },
    'bench',
    new Date(),
  );
  await scheduleNewsletter(db, id, null, new Date());

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  await startNewsletter(deps, id);
  const batches = (await db.collection(NEWSLETTERS).doc(id).collection(NEWSLETTER_BATCHES).select().get()).docs.map(
    (d) => d.id,
  );
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await sendBatch(deps, id, b);
    }),
  );
  // Sent means the capture has every message: count what arrived.
  for (let i = 0; i < 200 && capture.messages().length < COUNT; i++) await new Promise((r) => setTimeout(r, 50));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);

  const perRecipient = new Map<string, number>();
  for (const m of capture.messages()) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
  const missing = COUNT - perRecipient.size;
  const perSecond = COUNT / seconds;
  const status = (await db.collection(NEWSLETTERS).doc(id).get()).get('status');
  console.log(`\nNewsletter fan-out to ${COUNT.toLocaleString('en')} members (sender + SMTP capture in one process):`);
  console.log(
    `  ${seconds.toFixed(1)} s, ${perSecond.toFixed(0)} messages/s (target >= ${TARGET}) ${perSecond >= TARGET ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; duplicates ${duplicates}, missing ${missing}; issue ${status}`,
  );
  await transport.close();
  await capture.close();
  if (duplicates || missing) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
