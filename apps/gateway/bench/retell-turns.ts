import { parseBenchOptions, USAGE, type BenchPlan } from './support/bench-options';
import { placeEchoCall } from './support/echo-bench-call';
import { startServerHost, type GatewayHost, type HostReport } from './support/host-process';
import { runLevel, type LevelPlan, type PlaceCall } from './support/load-level';
import { placeRetellCall } from './support/retell-bench-call';
import { concurrencyTable, environmentLine, headline, turnKindTable, type MeasuredLevel } from './support/turn-report';
import type { RecordedRequest } from './support/turn-sample';

/**
 * Retell turn overhead of the real gateway, as ratios to a ws echo server measured in the same run.
 * `npx nx run gateway:bench` (under a minute) or `npx nx run gateway:bench -- --quick` (a smoke run).
 */

async function measure(host: GatewayHost, plan: BenchPlan): Promise<MeasuredLevel[]> {
  // Warm-up, untimed. The last warm-up call's frames are what every echo call replays.
  let script: RecordedRequest[] = [];
  for (let index = 0; index < plan.warmupCalls; index++) {
    script = (await placeRetellCall(host.gatewayUrl, `bench_warmup_${index}`, Number.POSITIVE_INFINITY)).requests;
  }
  for (let index = 0; index < plan.warmupCalls; index++) await placeEchoCall(host.echoUrl, script, Number.POSITIVE_INFINITY);

  const withCpu = async (levelPlan: LevelPlan, placeCall: PlaceCall) => {
    const before = await host.cpuMs();
    const result = await runLevel(levelPlan, placeCall);
    return { result, cpuMs: (await host.cpuMs()) - before };
  };
  const levels: MeasuredLevel[] = [];
  for (const [index, gatewayPlan] of plan.gateway.entries()) {
    const echoPlan = plan.echo[index] ?? gatewayPlan;
    // The baseline right before ours, so both see the same machine load.
    const echo = await withCpu(echoPlan, (_call, deadline) => placeEchoCall(host.echoUrl, script, deadline));
    const gateway = await withCpu(gatewayPlan, (call, deadline) =>
      placeRetellCall(host.gatewayUrl, `bench_n${gatewayPlan.concurrency}_${call}`, deadline),
    );
    levels.push({ echo: echo.result, gateway: gateway.result, echoCpuMs: echo.cpuMs, gatewayCpuMs: gateway.cpuMs });
  }
  return levels;
}

function print(levels: MeasuredLevel[], report: HostReport, plan: BenchPlan): void {
  const single = levels.find((level) => level.gateway.concurrency === 1) ?? levels[0];
  const out: string[] = [];
  if (single) {
    const calls = single.gateway.concurrency === 1 ? 'Calls one at a time' : `${single.gateway.concurrency} calls at once`;
    out.push(`${calls}, by turn: ms from sending the request to the first`);
    out.push('`response` frame of its id and to `content_complete`; echo = the same frame echoed back.');
    out.push(turnKindTable(single), '');
  }
  out.push('Simultaneous calls, closed loop (each caller speaks again as soon as an answer completes; real callers');
  out.push('pause for seconds, so this is a stress bound). Ratios are to the ws echo line above them; "per second"');
  out.push('is round trips (echo) or turns (ours) per second; dial = new socket to open WebSocket (TCP + HTTP upgrade),');
  out.push('once per call; * = stopped by the time budget before the call count.');
  out.push(concurrencyTable(levels), '');
  if (single) out.push(...headline(single).map((line) => `• ${line}`), '');
  const levelsText = Object.entries(report.logLevels)
    .map(([level, count]) => `${level} ${count}`)
    .join(', ');
  out.push(`gateway log lines: ${levelsText || 'none'}${report.problems.length ? ` (${report.problems.join(' | ')})` : ''}`);
  if (report.problems.length > 0) {
    out.push('(a shutdown warning about closing live calls is expected: the last calls are still in their reconnect window)');
  }
  out.push(`(${plan.mode} run: ${plan.warmupCalls} warm-up calls each, untimed)`);
  console.log(out.join('\n'));
}

async function main(): Promise<number> {
  let plan: BenchPlan | null;
  try {
    plan = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (!plan) {
    console.log(USAGE);
    return 0;
  }
  console.log('Retell turn overhead: the real gateway (built-in engine, embedded SQLite, info logs) vs a ws echo server,');
  console.log('both on 127.0.0.1 in one child process, driven by the same client code with the same frames.');
  console.log(environmentLine(plan.mode), '\n');

  const host = await startServerHost();
  let levels: MeasuredLevel[];
  try {
    levels = await measure(host, plan);
  } catch (error) {
    // The measurement's failure is the one worth reporting, not a second one from stopping.
    await host.stop().catch(() => undefined);
    throw error;
  }
  const report = await host.stop();
  print(levels, report, plan);
  return report.logLevels['error'] || report.logLevels['fatal'] ? 1 : 0;
}

process.exitCode = await main();
