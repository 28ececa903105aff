// Port helpers for tests (unit tests under functions/src and the emulated suites under tests/).
// Test-only: the deploy build excludes functions/src/testing (tsconfig.build.json).
import { createServer } from 'node:net';

/** A port nothing listens on: the OS hands out a free one, and it is released at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
