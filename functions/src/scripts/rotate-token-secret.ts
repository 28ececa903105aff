// `npm run admin -- rotate-token-secret`: the next UNSUBSCRIBE_SECRET (the versioned keys that sign
// unsubscribe and confirmation links), printed to set in Firebase, or written to the local demo's
// functions/.secret.local with --local.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTokenKeys, rotateTokenKeys } from '../domain/link-tokens';

const NAME = 'UNSUBSCRIBE_SECRET';
const LOCAL_SECRETS = join(__dirname, '..', '..', '.secret.local');
const LINE = new RegExp(`^${NAME}=(.*)$`, 'm');

const versions = (setting: string) => parseTokenKeys(setting).map((k) => `v${k.version}`);

/** What the rotation keeps and drops, in words. */
function summary(before: string, after: string): string {
  const kept = versions(after).slice(1);
  const dropped = before.trim() ? versions(before).filter((v) => !kept.includes(v)) : [];
  return [
    `New key: ${versions(after)[0]} (signs every new link).`,
    `Still accepted: ${kept.join(', ') || 'nothing older'}${kept.length ? ' (links already sent keep working)' : ''}.`,
    ...(dropped.length ? [`Dropped: ${dropped.join(', ')} (their links stop working).`] : []),
  ].join('\n');
}

/**
 * `current` is the value in use: for a deployed project, `UNSUBSCRIBE_SECRET` in this shell's environment
 * (`firebase functions:secrets:access UNSUBSCRIBE_SECRET`); with `local`, the line in .secret.local.
 */
export function rotateTokenSecret({ keep, local }: { keep: number; local: boolean }): string {
  if (local) {
    const text = existsSync(LOCAL_SECRETS) ? readFileSync(LOCAL_SECRETS, 'utf8') : '';
    const current = LINE.exec(text)?.[1] ?? '';
    const next = rotateTokenKeys(current, keep);
    const line = `${NAME}=${next}`;
    writeFileSync(
      LOCAL_SECRETS,
      LINE.test(text) ? text.replace(LINE, line) : `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`,
    );
    return `${summary(current, next)}\nWrote ${NAME} to functions/.secret.local: restart \`npm start\` to use it.`;
  }
  const current = process.env[NAME] ?? '';
  if (!current.trim())
    throw new Error(
      `Put the value in use in ${NAME} first, e.g.\n` +
        `  ${NAME}="$(npx firebase functions:secrets:access ${NAME})" npm run admin -- rotate-token-secret\n` +
        "or pass --local to rotate the local demo's functions/.secret.local.",
    );
  const next = rotateTokenKeys(current, keep);
  return [
    summary(current, next),
    '',
    `${NAME}=${next}`,
    '',
    'Set it and redeploy the functions that read it (nothing else changes):',
    `  printf '%s' '${next}' | npx firebase functions:secrets:set ${NAME} --data-file -`,
    '  npx firebase deploy --only functions',
    'To stop accepting the older links later, rotate again with --keep 0.',
  ].join('\n');
}
