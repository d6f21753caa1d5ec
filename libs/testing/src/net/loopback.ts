import type { AddressInfo, Server } from 'node:net';

/** Starts `server` on 127.0.0.1 (an ephemeral port unless one is given) and resolves with its port. */
export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops `server`; resolves once it is closed, or at once if it was not listening. Open connections keep it waiting. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
