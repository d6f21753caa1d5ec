import os from 'node:os';
import { TURN_KINDS } from './caller-dialogue';
import { mean, percentiles, type Percentiles } from './latency-stats';
import type { LevelResult } from './load-level';
import { formatMs, formatRate, formatRatio, textTable } from './text-table';
import type { TurnSample } from './turn-sample';

/** The benchmark's printed result: every number of ours next to the echo baseline and as a ratio to it. */

export interface MeasuredLevel {
  echo: LevelResult;
  gateway: LevelResult;
  /** Server host CPU time spent during each level, in milliseconds. */
  echoCpuMs: number;
  gatewayCpuMs: number;
}

export function environmentLine(mode: string): string {
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  return `node ${process.version} · ${os.cpus().length} CPUs · load ${load} · mode ${mode}`;
}

/** One call at a time, by kind of turn: where the time goes in a dialogue. */
export function turnKindTable(level: MeasuredLevel): string {
  const rows = TURN_KINDS.flatMap((kind) => {
    const ours = level.gateway.samples.filter((sample) => sample.kind === kind);
    const echo = level.echo.samples.filter((sample) => sample.kind === kind);
    if (ours.length === 0 || echo.length === 0) return [];
    const echoP50 = percentiles(echo.map((sample) => sample.completeMs)).p50;
    const first = percentiles(ours.map((sample) => sample.firstMs));
    const complete = percentiles(ours.map((sample) => sample.completeMs));
    return [
      [
        kind,
        String(ours.length),
        (mean(ours.map((sample) => sample.requestBytes)) / 1024).toFixed(1),
        formatMs(echoP50),
        formatMs(first.p50),
        formatRatio(first.p50, echoP50),
        formatMs(first.p90),
        formatMs(complete.p50),
        formatRatio(complete.p50, echoP50),
        formatMs(complete.p90),
      ],
    ];
  });
  return textTable(
    ['turn', 'n', 'KiB sent', 'echo p50', 'first p50', 'x echo', 'first p90', 'complete p50', 'x echo', 'complete p90'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/**
 * Each concurrency level: the echo round trip, then our first frame and content_complete as ratios to it
 * (with throughput and server CPU), then dialling (TCP + HTTP upgrade to the open socket) against the echo's.
 */
export function concurrencyTable(levels: MeasuredLevel[]): string {
  const rows = levels.flatMap((level) => {
    const { echo, gateway } = level;
    const echoTurn = percentiles(echo.samples.map((sample) => sample.completeMs));
    const echoDial = percentiles(echo.connects);
    const echoRate = rate(echo);
    const echoCpu = level.echoCpuMs / echo.samples.length;
    const ourRate = rate(gateway);
    const ourCpu = level.gatewayCpuMs / gateway.samples.length;
    const calls = (result: LevelResult) => `${result.callsPlaced}${result.timeCapped ? '*' : ''}`;
    return [
      [String(gateway.concurrency), 'ws echo', calls(echo), ...latencyCells(echoTurn), formatRate(echoRate), formatMs(echoCpu)],
      ['', 'first frame', calls(gateway), ...latencyCells(percentiles(gateway.samples.map((sample) => sample.firstMs)), echoTurn), '', ''],
      [
        '',
        'complete',
        '',
        ...latencyCells(percentiles(gateway.samples.map((sample) => sample.completeMs)), echoTurn),
        `${formatRate(ourRate)} ${formatRatio(ourRate, echoRate)}`,
        `${formatMs(ourCpu)} ${formatRatio(ourCpu, echoCpu)}`,
      ],
      ['', 'ws echo dial', '', ...latencyCells(echoDial), '', ''],
      ['', 'dial', '', ...latencyCells(percentiles(gateway.connects), echoDial), '', ''],
    ];
  });
  return textTable(
    ['calls at once', 'series', 'calls', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'per second', 'server CPU ms/turn'],
    rows,
    ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/** n, p50, p90, p99; each followed by its ratio to the baseline's when there is one. */
function latencyCells(ours: Percentiles, baseline?: Percentiles): string[] {
  const cell = (value: number, reference: number | undefined) =>
    reference === undefined ? formatMs(value) : `${formatMs(value)} ${formatRatio(value, reference).padStart(5)}`;
  return [String(ours.n), cell(ours.p50, baseline?.p50), cell(ours.p90, baseline?.p90), cell(ours.p99, baseline?.p99)];
}

/** The headline at one call at a time, in words: "first frame p50 1.90 ms = 4.1x ws echo p50 (0.46 ms)". */
export function headline(level: MeasuredLevel): string[] {
  const say = (what: string, ours: TurnSample[], echo: TurnSample[], pick: (sample: TurnSample) => number) => {
    const p50 = percentiles(ours.map(pick)).p50;
    const echoP50 = percentiles(echo.map((sample) => sample.completeMs)).p50;
    return `${what} p50 ${formatMs(p50)} ms = ${formatRatio(p50, echoP50)} ws echo p50 (${formatMs(echoP50)} ms)`;
  };
  const availability = (samples: TurnSample[]) => samples.filter((sample) => sample.kind === 'availability');
  const { gateway, echo } = level;
  return [
    say('first frame', gateway.samples, echo.samples, (sample) => sample.firstMs),
    say('content_complete', gateway.samples, echo.samples, (sample) => sample.completeMs),
    say(
      'availability turn (check_availability on SQLite), content_complete',
      availability(gateway.samples),
      availability(echo.samples),
      (sample) => sample.completeMs,
    ),
  ];
}

function rate(result: LevelResult): number {
  return (result.samples.length / result.wallMs) * 1000;
}
