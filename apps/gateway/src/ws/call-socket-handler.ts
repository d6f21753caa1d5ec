import type { WebSocket } from 'ws';

/** What the gateway needs from a transport's call handler (the Retell adapter's handler satisfies it). */
export interface CallSocketHandler {
  /** Take over an upgraded socket for one call. */
  accept(socket: WebSocket, callIdFromPath: string | undefined): void;
  /** Calls still connected. */
  activeCalls(): number;
  /** Close every remaining call socket with this close code. */
  drain(code: number): void | Promise<void>;
}
