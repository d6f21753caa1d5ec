import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closeServer, listenOnLoopback, WebSocketUpgradeHost } from '../src';

const hosts: WebSocketUpgradeHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

describe('WebSocketUpgradeHost', () => {
  it('hands sockets upgraded on a routed path to their handler, and refuses other paths', async () => {
    const seen: string[] = [];
    const host = new WebSocketUpgradeHost((pathname) =>
      pathname.startsWith('/echo/') ? (socket) => socket.on('message', (data) => socket.send(`${pathname}:${String(data)}`)) : undefined,
    );
    hosts.push(host);
    const baseUrl = await host.start();
    expect(baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    const client = new WebSocket(`${baseUrl}/echo/call-1`);
    await opened(client);
    const answer = new Promise<string>((resolve) => client.once('message', (data) => resolve(String(data))));
    client.send('hello');
    seen.push(await answer);
    client.close();

    await expect(opened(new WebSocket(`${baseUrl}/elsewhere`))).rejects.toThrow();
    expect(seen).toEqual(['/echo/call-1:hello']);
  });

  it('answers plain HTTP with 404', async () => {
    const host = new WebSocketUpgradeHost(() => undefined);
    hosts.push(host);
    const baseUrl = await host.start();

    const response = await fetch(baseUrl.replace('ws:', 'http:'));
    expect(response.status).toBe(404);
  });
});

describe('listenOnLoopback', () => {
  it('listens on an ephemeral loopback port, and again on the same port once closed', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    const port = await listenOnLoopback(server);
    expect(port).toBeGreaterThan(0);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    server.closeAllConnections();
    await closeServer(server);

    const again = createServer((_request, response) => response.end('again'));
    expect(await listenOnLoopback(again, port)).toBe(port);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('again');
    again.closeAllConnections();
    await closeServer(again);
    await closeServer(again); // closing twice is harmless
  });

  it('rejects when the port is taken', async () => {
    const first = createServer();
    const port = await listenOnLoopback(first);
    try {
      await expect(listenOnLoopback(createServer(), port)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await closeServer(first);
    }
  });
});
