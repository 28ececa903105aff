import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A message as the local capture received it. */
export interface CapturedMessage {
  id: string;
  /** Envelope recipients (RCPT TO), so Bcc shows too. */
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** ISO time. */
  receivedAt: string;
  /** Attached files with their text (the capture only meets small text files such as `.ics`). */
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
}

// Writes are batched: one append per tick window instead of one per message (no per-message fsync).
const FLUSH_DELAY_MS = 100;

/**
 * The capture's inbox: an array in arrival order plus an id index, optionally persisted as JSON lines.
 * Oldest messages are dropped past `maxMessages`, in slices, so trimming stays amortised O(1).
 */
export class CaptureStore {
  private list: CapturedMessage[] = [];
  private readonly byId = new Map<string, CapturedMessage>();
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  // Serialises file operations: an append can never land after a later truncate, or vice versa.
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataFile?: string,
    private readonly maxMessages = 20_000,
  ) {}

  /** Reads the data file (if any), keeping the newest `maxMessages` and rewriting it when it held more. */
  async load(): Promise<void> {
    if (!this.dataFile) return;
    await mkdir(dirname(this.dataFile), { recursive: true });
    let content: string;
    try {
      content = await readFile(this.dataFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const lines = content.split('\n').filter((l) => l.trim() !== '');
    for (const line of lines.slice(-this.maxMessages)) {
      try {
        this.index(JSON.parse(line) as CapturedMessage);
      } catch {
        // A torn last line after a crash: skip it.
      }
    }
    if (lines.length > this.maxMessages) {
      const kept = this.list.map((m) => JSON.stringify(m) + '\n').join('');
      this.enqueue(() => writeFile(this.dataFile!, kept));
    }
  }

  add(message: CapturedMessage): void {
    this.index(message);
    if (this.list.length > this.maxMessages + Math.ceil(this.maxMessages / 10)) {
      for (const old of this.list.splice(0, this.list.length - this.maxMessages)) this.byId.delete(old.id);
    }
    if (!this.dataFile) return;
    this.pending.push(JSON.stringify(message) + '\n');
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  all(): CapturedMessage[] {
    return this.list.slice();
  }

  get size(): number {
    return this.list.length;
  }

  get(id: string): CapturedMessage | undefined {
    return this.byId.get(id);
  }

  /** Messages to an address (case-insensitive). */
  to(address: string): CapturedMessage[] {
    const wanted = address.trim().toLowerCase();
    return this.list.filter((m) => m.to.some((t) => t.toLowerCase() === wanted));
  }

  clear(): void {
    this.list = [];
    this.byId.clear();
    this.pending = [];
    if (this.dataFile) this.enqueue(() => writeFile(this.dataFile!, ''));
  }

  /** Writes what is pending; resolves when every earlier file operation has finished. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) {
      const chunk = this.pending.join('');
      this.pending = [];
      this.enqueue(() => appendFile(this.dataFile!, chunk));
    }
    return this.writes;
  }

  private index(message: CapturedMessage): void {
    this.list.push(message);
    this.byId.set(message.id, message);
  }

  private enqueue(op: () => Promise<void>): void {
    this.writes = this.writes.then(op).catch((err: unknown) => {
      console.error('Mail capture: could not write its data file:', err);
    });
  }
}
