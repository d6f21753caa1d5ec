import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '@crowndesk/domain';
import type { CallSocketHandler } from './call-socket-handler';
import { upgradeTarget } from './upgrade-paths';

/**
 * One WebSocketServer, no server of its own: the HTTP server's 'upgrade' event is routed here by path.
 * Anything that is not a known endpoint is answered with a plain HTTP error on the raw socket.
 */

export interface UpgradeRouterOptions {
  retell: CallSocketHandler;
  /** Largest text frame accepted from a peer, in bytes. */
  maxPayload: number;
  /** True once shutdown started: new calls go to another instance. */
  isDraining(): boolean;
  logger: Logger;
}

export interface UpgradeRouter {
  readonly webSockets: WebSocketServer;
  /** Stops routing upgrades (further ones get 503) and closes the WebSocketServer. */
  close(): Promise<void>;
}

export function attachUpgradeRouter(server: Server, options: UpgradeRouterOptions): UpgradeRouter {
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
  let closed = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const onEarlyError = (error: Error): void => {
      options.logger.debug({ error }, 'socket error before WebSocket handshake');
      socket.destroy();
    };
    socket.on('error', onEarlyError);

    if (closed || options.isDraining()) {
      rejectUpgrade(socket, 503, 'shutting down');
      return;
    }
    const target = upgradeTarget(request.url);
    if (target.endpoint === 'none') {
      options.logger.info({ status: target.status, reason: target.reason }, 'WebSocket upgrade rejected');
      rejectUpgrade(socket, target.status, target.reason);
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      socket.off('error', onEarlyError);
      options.retell.accept(webSocket, target.callId);
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    webSockets,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        server.off('upgrade', onUpgrade);
        webSockets.close(() => resolve());
      }),
  };
}

/** An HTTP response on a socket that never became a WebSocket, then the socket is gone. */
function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: STATUS_CODES[status]?.toLowerCase().replaceAll(' ', '_') ?? 'error', message: reason });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
