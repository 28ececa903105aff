import { isIP } from 'node:net';

/**
 * The caller's IP address as Google's front end saw it. In front of every Cloud Functions (2nd gen,
 * Cloud Run) URL, Google's front end appends the address that connected to it to `X-Forwarded-For`,
 * after whatever the client itself sent in that header: only the LAST entry is the platform's, every
 * earlier one is the caller's claim. (Express's `req.ip` with `trust proxy`, which the runtime turns on,
 * is the FIRST entry: spoofable, so not used.) Callables are called on their own URL, not through a
 * Hosting rewrite or a load balancer; routing one through such a proxy would make the last entry the
 * proxy's and the client the one before it. Without the header (a direct connection), the socket's peer.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  peer: string | undefined,
): string | undefined {
  const hops = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? peer;
}

/**
 * Whom a per-client limit counts: the network (an IPv4 address; an IPv6 address's /64, which one
 * household, phone or server gets whole, so rotating addresses inside it gains nothing) and the App
 * Check app when the call carried a valid token. An address that does not parse counts as `unknown`,
 * one shared client.
 */
export function clientKey(address: string | undefined, appId: string | undefined): string {
  return `${network(address)}|${appId ?? '-'}`;
}

function network(address: string | undefined): string {
  const bare = (address ?? '').replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, ''); // [v6] and a zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare); // IPv4 on a dual-stack socket
  if (mapped) return mapped[1]!;
  if (isIP(bare) === 4) return bare;
  if (isIP(bare) === 6) return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight groups of a valid IPv6 address, `::` expanded, an embedded IPv4 tail as two groups, no leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}
