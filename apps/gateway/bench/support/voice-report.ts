import os from 'node:os';
import { percentiles } from './latency-stats';
import { formatMs, formatRate, formatRatio, textTable } from './text-table';

/** The voice benchmark's printed result: every number of ours next to the echo baseline and as a ratio to it. */

/** Twilio sends 50 frames a second per call: the rate a stream needs to keep up with a live caller. */
const REAL_TIME_FPS = 50;

export interface PumpedRate {
  /** Frames per second. */
  rate: number;
  /** CPU time of the server host and of the benchmark's client side over the window, as shares of one core. */
  cpu: { host: number; client: number };
}

export interface ThroughputLevel {
  streams: number;
  echo: PumpedRate;
  gateway: PumpedRate;
}

export function environmentLine(mode: string): string {
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  return `node ${process.version} · ${os.cpus().length} CPUs · load ${load} · mode ${mode}`;
}

export function latencyTable(echoMs: readonly number[], turnMs: readonly number[]): string {
  const echo = percentiles(echoMs);
  const ours = percentiles(turnMs);
  return textTable(
    ['', 'n', 'p50', 'p90', 'p99'],
    [
      ['ws echo round trip (ms)', String(echo.n), formatMs(echo.p50), formatMs(echo.p90), formatMs(echo.p99)],
      ['final -> first frame (ms)', String(ours.n), formatMs(ours.p50), formatMs(ours.p90), formatMs(ours.p99)],
      ['ratio to echo', '', formatRatio(ours.p50, echo.p50), formatRatio(ours.p90, echo.p90), formatRatio(ours.p99, echo.p99)],
    ],
    ['left', 'right', 'right', 'right', 'right'],
  );
}

export function throughputTable(levels: readonly ThroughputLevel[]): string {
  const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : '-');
  return textTable(
    ['streams', 'echo fps', 'gateway fps', 'ratio to echo', 'x real time', 'CPU server/client: echo', 'gateway'],
    levels.map((level) => [
      String(level.streams),
      formatRate(level.echo.rate),
      formatRate(level.gateway.rate),
      formatRatio(level.gateway.rate, level.echo.rate),
      formatRatio(level.gateway.rate, REAL_TIME_FPS * level.streams),
      `${percent(level.echo.cpu.host)} / ${percent(level.echo.cpu.client)}`,
      `${percent(level.gateway.cpu.host)} / ${percent(level.gateway.cpu.client)}`,
    ]),
    ['right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}
