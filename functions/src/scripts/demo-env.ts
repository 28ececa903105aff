import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo project's params and local secrets, as the Functions emulator reads them (dev-cron, tests). */
export function demoEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of ['.env.demo-commons', '.secret.local']) {
    const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]!] = m[2]!;
    }
  }
  return env;
}
