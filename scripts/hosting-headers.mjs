// The security headers of the app, defined once: firebase.json `hosting.headers` (what Firebase Hosting
// sends). The emulators' Hosting (npm start, e2e, bench) serves them from firebase.local.json, a copy of
// firebase.json that differs only by the emulators in connect-src; the CSP e2e test reads them from here.
import { readFileSync, writeFileSync } from 'node:fs';

/** firebase.json, parsed. */
export function firebaseConfig() {
  return JSON.parse(readFileSync(new URL('../firebase.json', import.meta.url), 'utf8'));
}

/** The headers Hosting sends on every path (the `**` entry), by name. */
export function hostingHeaders(config = firebaseConfig()) {
  const everywhere = config.hosting?.headers?.find((h) => h.source === '**');
  if (!everywhere) throw new Error('firebase.json: hosting.headers has no entry for "**"');
  return Object.fromEntries(everywhere.headers.map(({ key, value }) => [key, value]));
}

/** `csp` with `sources` appended to one of its directives (which must be there). */
export function addCspSources(csp, directive, sources) {
  const parts = csp.split(';').map((p) => p.trim());
  const i = parts.findIndex((p) => p.split(/\s+/, 1)[0] === directive);
  if (i < 0) throw new Error(`The Content-Security-Policy has no ${directive}`);
  parts[i] = [parts[i], ...sources].join(' ');
  return parts.join('; ');
}

/**
 * What Hosting sends locally (the emulator, or `vite preview`): Hosting's headers, with one difference. The built app talks to the
 * emulators (firebase.json `emulators`: Auth, Firestore, Functions over http on 127.0.0.1) instead of
 * googleapis.com and cloudfunctions.net, so those origins join `connect-src`, and the functions emulator
 * `media-src` (the media twin's URLs, storage.googleapis.com in production). Nothing else is loosened.
 */
export function localPreviewHeaders(config = firebaseConfig()) {
  const headers = hostingHeaders(config);
  const emulators = ['auth', 'firestore', 'functions'].map(
    (name) => `http://${config.emulators[name].host}:${config.emulators[name].port}`,
  );
  const csp = addCspSources(headers['Content-Security-Policy'], 'connect-src', emulators);
  // Media URLs of the local storage twin point at the functions emulator (GCS in production).
  const media = addCspSources(csp, 'media-src', emulators.slice(2));
  return { ...headers, 'Content-Security-Policy': media };
}

/** The config file the emulators run with (ignored by git): written anew from firebase.json at every start. */
export const LOCAL_CONFIG = 'firebase.local.json';

/** Writes firebase.local.json (in the repository root, so its relative paths stay right); returns its path. */
export function writeLocalFirebaseConfig(root) {
  const config = firebaseConfig();
  const local = localPreviewHeaders(config);
  const headers = config.hosting.headers.map((entry) =>
    entry.source === '**'
      ? { ...entry, headers: Object.entries(local).map(([key, value]) => ({ key, value })) }
      : entry,
  );
  const path = `${root}/${LOCAL_CONFIG}`;
  writeFileSync(path, `${JSON.stringify({ ...config, hosting: { ...config.hosting, headers } }, null, 2)}\n`);
  return path;
}
