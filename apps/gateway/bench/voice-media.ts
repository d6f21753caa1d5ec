import { ElevenLabsTtsStandIn } from '../test/support/voice-elevenlabs-tts';
import { dialGateway, mediaStreamEnvironment, type PhoneCall } from '../test/support/voice-gateway';
import { OpenAiRealtimeStandIn } from '../test/support/voice-openai-realtime';
import { callSidFor, mediaMessage } from '../test/support/voice-twilio-caller';
import { parseVoiceBenchOptions, VOICE_USAGE, type VoiceBenchPlan } from './support/voice-bench-options';
import { echoLanes, pumpFrames, sleep, type Lane } from './support/voice-frame-pump';
import { startVoiceHost, type GatewayHost, type HostReport } from './support/host-process';
import { environmentLine, latencyTable, throughputTable, type ThroughputLevel } from './support/voice-report';
import { hangUp, measureEchoRoundTrips, measureTurns, type VoiceVendors } from './support/voice-turn-latency';
import { MULAW_FRAME_BYTES, toneFrames } from '@crowndesk/testing';

/**
 * The Twilio media-stream path of the real gateway, with instant stand-in vendors, as ratios to a ws echo
 * server measured in the same run. `npx nx run gateway:bench-voice` (about a minute) or `-- --quick`.
 */

/** Greetings before measuring: they play at real time, and the inbound measurement wants a quiet outbound. */
const GREETING_QUIET_MS = 200;

async function measureLatency(host: GatewayHost, vendors: VoiceVendors, plan: VoiceBenchPlan) {
  // Untimed warm-up: JIT, SQLite's page cache, the engine's date grammar, keep-alive to the TTS stand-in.
  await measureTurns(host.gatewayUrl, vendors, { turns: 8, turnsPerCall: 8, budgetMs: 20_000 }, 0x1000);
  await measureEchoRoundTrips(host.echoUrl, 50);
  const echo = await measureEchoRoundTrips(host.echoUrl, plan.echoRoundTrips);
  const turns = await measureTurns(host.gatewayUrl, vendors, { turns: plan.turns, turnsPerCall: plan.turnsPerCall, budgetMs: plan.turnBudgetMs }, 0x2000);
  return { echo, turns };
}

async function measureThroughput(host: GatewayHost, vendors: VoiceVendors, plan: VoiceBenchPlan): Promise<ThroughputLevel[]> {
  const [frame] = toneFrames(1, 300);
  const audio = frame ?? Buffer.alloc(MULAW_FRAME_BYTES);
  /** CPU time of the host and of this process over the window, as shares of one core. */
  const cpuShares = () => {
    const marks: { host: number; client: number; at: number }[] = [];
    return {
      onWindow: async () => {
        const usage = process.cpuUsage();
        marks.push({ host: await host.cpuMs(), client: (usage.user + usage.system) / 1000, at: performance.now() });
      },
      shares: () => {
        const [start, end] = marks;
        if (!start || !end) return { host: Number.NaN, client: Number.NaN };
        const wallMs = end.at - start.at;
        return { host: (end.host - start.host) / wallMs, client: (end.client - start.client) / wallMs };
      },
    };
  };
  const levels: ThroughputLevel[] = [];
  for (const [index, streams] of plan.levels.entries()) {
    // The baseline right before ours, so both see the same machine load.
    const echo = await echoLanes(host.echoUrl, streams);
    const echoCpu = cpuShares();
    const echoResult = await pumpFrames(echo.lanes, plan, echoCpu.onWindow);
    echo.close();

    const phones: PhoneCall[] = [];
    for (let call = 0; call < streams; call++) {
      const phone = await dialGateway(host.gatewayUrl, vendors.stt, callSidFor(0x10_0000 * (index + 1) + call));
      phone.stream.autoPlay = true;
      phones.push(phone);
    }
    await greetingsPlayed(phones, vendors);
    const lanes = phones.map((phone): Lane => {
      const message = mediaMessage(phone.stream.streamSid, 1, 1, audio);
      return {
        send: () => phone.stream.sendPrepared(message),
        onArrival: (callback) => (phone.recognition.onAudio = callback),
      };
    });
    const gatewayCpu = cpuShares();
    const gatewayResult = await pumpFrames(lanes, plan, gatewayCpu.onWindow);
    await Promise.all(phones.map(hangUp));
    levels.push({ streams, echo: { rate: echoResult.rate, cpu: echoCpu.shares() }, gateway: { rate: gatewayResult.rate, cpu: gatewayCpu.shares() } });
  }
  return levels;
}

/** Every call's greeting was marked and nothing has been synthesized or sent for a moment. */
async function greetingsPlayed(phones: readonly PhoneCall[], vendors: VoiceVendors): Promise<void> {
  for (const phone of phones) await phone.stream.until(() => phone.stream.marksReceived.length > 0, 'the greeting', 30_000);
  const activity = () => vendors.tts.requests.length + phones.reduce((total, phone) => total + phone.stream.audioFrames.length, 0);
  for (let before = -1; before !== activity(); ) {
    before = activity();
    await sleep(GREETING_QUIET_MS);
  }
}

function print(plan: VoiceBenchPlan, latency: { echo: number[]; turns: number[] }, levels: ThroughputLevel[], report: HostReport): void {
  const out: string[] = [];
  out.push('1. Turn latency, one call at a time: ms from the recognizer stand-in sending a final transcript to the');
  out.push('   reply\'s first 160-byte frame arriving at the Twilio client (engine turn with a tool call, ElevenLabs');
  out.push('   request, framing, pacing); echo = one Twilio media message through a ws echo server and back.');
  out.push(latencyTable(latency.echo, latency.turns), '');
  out.push(`2. Inbound media frames per second (Twilio -> gateway -> recognizer), ${plan.inFlight} frames in flight per`);
  out.push(`   stream, ${plan.windowMs} ms window; echo = the same messages through a ws echo server. "x real time" = rate`);
  out.push('   / (50 frames/s x streams): above 1x the process keeps up with that many live callers.');
  out.push(throughputTable(levels), '');
  const levelsText = Object.entries(report.logLevels)
    .map(([level, count]) => `${level} ${count}`)
    .join(', ');
  out.push(`gateway log lines: ${levelsText || 'none'}${report.problems.length ? ` (${report.problems.join(' | ')})` : ''}`);
  console.log(out.join('\n'));
}

async function main(): Promise<number> {
  let plan: VoiceBenchPlan | null;
  try {
    plan = parseVoiceBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${VOICE_USAGE}`);
    return 2;
  }
  if (!plan) {
    console.log(VOICE_USAGE);
    return 0;
  }
  console.log('Twilio media-stream path: the real gateway (own process, built-in engine, embedded SQLite, info logs) with');
  console.log('instant loopback stand-ins for OpenAI realtime transcription and ElevenLabs TTS, vs a ws echo server.');
  console.log(environmentLine(plan.mode), '\n');

  const stt = await OpenAiRealtimeStandIn.start({ audio: 'count' });
  // Instant speech: one frame of audio per clause, all at once.
  const tts = await ElevenLabsTtsStandIn.start({ audioBytes: () => MULAW_FRAME_BYTES - 37 });
  const vendors = { stt, tts };
  const host = await startVoiceHost({ ...mediaStreamEnvironment(stt, tts), VOICE_STREAM_SECRET: 'voice-benchmark-stream-secret-0123456789' });
  try {
    const latency = await measureLatency(host, vendors, plan);
    const levels = await measureThroughput(host, vendors, plan);
    const report = await host.stop();
    print(plan, latency, levels, report);
    return report.logLevels['error'] || report.logLevels['fatal'] ? 1 : 0;
  } catch (error) {
    // The measurement's failure is the one worth reporting, not a second one from stopping.
    await host.stop().catch(() => undefined);
    throw error;
  } finally {
    await stt.close();
    await tts.close();
  }
}

process.exitCode = await main();
