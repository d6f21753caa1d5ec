import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '@crowndesk/domain';
import type { CallSocketHandler } from './call-socket-handler';
import { upgradeTarget } from './upgrade-paths';

/**
 * One WebSocketServer, no server of its own: the HTTP server's 'upgrade' event is routed here by path.
 * Anything that is not a known endpoint is answered with a plain HTTP error on the raw socket.
 */

/** Twilio Media Streams: the handler and its own frame limit (far below Retell's). */
export interface MediaStreamEndpoint {
  accept(socket: WebSocket): void;
  maxPayload: number;
}

export interface UpgradeRouterOptions {
  retell: CallSocketHandler;
  /** Largest text frame accepted from a peer, in bytes. */
  maxPayload: number;
  /** Served on `/voice-agent/media-stream` when set (the media-stream speech path). */
  mediaStream?: MediaStreamEndpoint;
  /** True once shutdown started: new calls go to another instance. */
  isDraining(): boolean;
  logger: Logger;
}

export interface UpgradeRouter {
  readonly webSockets: WebSocketServer;
  /** Every open WebSocket of every endpoint. */
  openSockets(): WebSocket[];
  /** Stops routing upgrades (further ones get 503) and closes the WebSocketServer. */
  close(): Promise<void>;
}

export function attachUpgradeRouter(server: Server, options: UpgradeRouterOptions): UpgradeRouter {
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
  const media = options.mediaStream && {
    endpoint: options.mediaStream,
    webSockets: new WebSocketServer({ noServer: true, maxPayload: options.mediaStream.maxPayload, perMessageDeflate: false }),
  };
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
    const target = upgradeTarget(request.url, { mediaStream: media !== undefined });
    if (target.endpoint === 'none') {
      options.logger.info({ status: target.status, reason: target.reason }, 'WebSocket upgrade rejected');
      rejectUpgrade(socket, target.status, target.reason);
      return;
    }
    if (target.endpoint === 'media_stream') {
      // Only routed here when the endpoint is served.
      media?.webSockets.handleUpgrade(request, socket, head, (webSocket) => {
        socket.off('error', onEarlyError);
        media.endpoint.accept(webSocket);
      });
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      socket.off('error', onEarlyError);
      options.retell.accept(webSocket, target.callId);
    });
  };
  server.on('upgrade', onUpgrade);

  const servers = media ? [webSockets, media.webSockets] : [webSockets];
  return {
    webSockets,
    openSockets: () => servers.flatMap((each) => [...each.clients]),
    close: async () => {
      closed = true;
      server.off('upgrade', onUpgrade);
      await Promise.all(servers.map((each) => new Promise<void>((resolve) => each.close(() => resolve()))));
    },
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
