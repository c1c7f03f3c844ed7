import { createServer, type AddressInfo } from 'node:net';

/** A loopback port just freed: nothing listens there (a device that is off, a cloud that is unreachable). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>(r => s.close(() => r()));
  return port;
}
