import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listenOnLoopback } from './loopback';

/** Who takes a WebSocket upgraded on this path; undefined refuses it (the socket is destroyed). */
export type UpgradeRoute = (pathname: string, request: IncomingMessage) => ((socket: WebSocket) => void) | undefined;

export interface WebSocketUpgradeHostOptions {
  /** The largest message the server side accepts (ws's `maxPayload`). Default: ws's own. */
  maxPayload?: number;
}

/**
 * A real HTTP server on an ephemeral 127.0.0.1 port that routes WebSocket upgrades the way the gateway
 * does, for the handler under test behind it. Plain HTTP requests get 404.
 */
export class WebSocketUpgradeHost {
  private readonly server: Server;
  private readonly wss: WebSocketServer;

  constructor(route: UpgradeRoute, options: WebSocketUpgradeHostOptions = {}) {
    this.wss = new WebSocketServer({ noServer: true, ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }) });
    this.server = createServer((_request, response) => response.writeHead(404).end());
    this.server.on('upgrade', (request, socket, head) => {
      const accept = route(new URL(request.url ?? '/', 'http://localhost').pathname, request);
      if (!accept) return socket.destroy();
      this.wss.handleUpgrade(request, socket, head, accept);
    });
  }

  /** Listens, and resolves with the base URL to connect to (`ws://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    const port = await listenOnLoopback(this.server);
    return `ws://127.0.0.1:${port}`;
  }

  /** Stops accepting; sockets still open must have been closed (or terminated) by the caller. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await closeServer(this.server);
  }
}
