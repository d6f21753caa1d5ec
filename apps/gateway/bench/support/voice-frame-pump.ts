import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { mediaMessage } from '../../test/support/voice-twilio-caller';
import { toneFrames } from '@crowndesk/testing';

/**
 * Closed-loop media throughput: every lane (a stream) keeps `inFlight` inbound media frames on their way,
 * sending the next one as soon as one arrives at the far end (the recognizer stand-in for the gateway, the
 * client itself for the echo server). Frames that arrive inside the window, per second, is the rate the
 * server sustains. The client side is kept cheap and identical for both (a prepared Twilio `media` message
 * out, a count in), so that the server, not the client, is what runs out of CPU.
 */

export interface Lane {
  send(): void;
  /** Registers the callback for each frame that reached the far end. */
  onArrival(callback: () => void): void;
}

export interface PumpPlan {
  inFlight: number;
  warmupMs: number;
  windowMs: number;
}

export interface PumpResult {
  frames: number;
  seconds: number;
  /** Frames per second inside the window. */
  rate: number;
}

const DRAIN_MS = 3_000;

/** `onWindow` runs at the window's start and end (e.g. to read the server's CPU time). */
export async function pumpFrames(lanes: readonly Lane[], plan: PumpPlan, onWindow: () => Promise<void> = async () => undefined): Promise<PumpResult> {
  let running = true;
  let arrived = 0;
  let sent = 0;
  for (const lane of lanes) {
    lane.onArrival(() => {
      arrived += 1;
      if (!running) return;
      sent += 1;
      lane.send();
    });
  }
  for (const lane of lanes) {
    for (let index = 0; index < plan.inFlight; index++) lane.send();
    sent += plan.inFlight;
  }
  await sleep(plan.warmupMs);
  await onWindow();
  const startCount = arrived;
  const startedAt = performance.now();
  await sleep(plan.windowMs);
  const frames = arrived - startCount;
  const seconds = (performance.now() - startedAt) / 1000;
  await onWindow();
  running = false;
  // Let what is in flight land, so the next level starts from a quiet server.
  const drainDeadline = performance.now() + DRAIN_MS;
  while (arrived < sent && performance.now() < drainDeadline) await sleep(20);
  return { frames, seconds, rate: frames / seconds };
}

/** One ws client of the echo server per lane, sending and decoding what the gateway's lanes do. */
export async function echoLanes(echoUrl: string, count: number): Promise<{ lanes: Lane[]; close(): void }> {
  const [audio] = toneFrames(1, 300);
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(echoUrl, { perMessageDeflate: false });
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  const lanes = sockets.map((socket, index): Lane => {
    const message = mediaMessage(`MZ${index.toString(16).padStart(32, '0')}`, 1, 1, audio ?? Buffer.alloc(0));
    return {
      send: () => socket.send(message),
      onArrival: (callback) => socket.on('message', () => callback()),
    };
  });
  return { lanes, close: () => sockets.forEach((socket) => socket.close(1000)) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
