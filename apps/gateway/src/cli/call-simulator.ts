import { createInterface } from 'node:readline';
import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import { parseSimulatorArguments, SIMULATED_CALLER_NUMBER, USAGE, type SimulatorOptions } from './simulator/arguments';
import { readCallerScript } from './simulator/caller-script';
import { CallClosedError, RetellCallClient, type AgentTurn } from './simulator/retell-call-client';

/**
 * `npm run call`: a phone call in the terminal. Connects to the running gateway as Retell would, prints the
 * receptionist's words as they stream, and sends what you type (or a script's lines) as the caller.
 */

const out = process.stdout;
let speaking = false;

function endSpeech(): void {
  if (speaking) out.write('\n');
  speaking = false;
}

/** True when the receptionist ended the call or handed it over: the simulated call is over. */
function callIsOver(turn: AgentTurn): boolean {
  endSpeech();
  if (turn.endCall) {
    console.log('[call ended]');
    return true;
  }
  if (turn.transferNumber) {
    console.log(`[transferring to ${turn.transferNumber}]`);
    return true;
  }
  return false;
}

async function replay(client: RetellCallClient, lines: string[]): Promise<void> {
  for (const line of lines) {
    console.log(`Caller: ${line}`);
    if (callIsOver(await client.say(line))) return;
  }
  console.log('[end of script, hanging up]');
}

async function converse(client: RetellCallClient): Promise<void> {
  // In a terminal the typed line is already on screen; piped input is echoed like a script.
  const interactive = process.stdin.isTTY === true;
  const input = createInterface({ input: process.stdin, output: out, prompt: 'Caller: ', terminal: interactive });
  // Ctrl-C hangs up (readline would otherwise only pause the input).
  input.on('SIGINT', () => input.close());
  try {
    if (interactive) input.prompt();
    for await (const line of input) {
      const text = line.trim();
      if (text !== '') {
        if (!interactive) console.log(`Caller: ${text}`);
        input.pause();
        if (callIsOver(await client.say(text))) return;
      }
      if (interactive) input.prompt();
      else input.resume();
    }
    endSpeech();
    console.log('[hung up]');
  } finally {
    input.close();
  }
}

async function placeCall(options: SimulatorOptions): Promise<void> {
  const script = options.script === undefined ? undefined : await readCallerScript(options.script);
  const client = await RetellCallClient.connect(
    {
      baseUrl: options.url,
      callId: options.callId,
      agentId: options.agent,
      fromNumber: SIMULATED_CALLER_NUMBER,
      toNumber: options.to,
    },
    {
      onSpeech: (chunk) => {
        if (!speaking) out.write('Receptionist: ');
        speaking = true;
        out.write(chunk);
      },
      onToolResult: (tool) => {
        endSpeech();
        const status = tool.successful === undefined ? 'done' : tool.successful ? 'ok' : 'failed';
        console.log(`  [tool] ${tool.name} ${status}`);
      },
      onProtocolProblem: (problem) => {
        endSpeech();
        console.error(`  [protocol] ${problem}`);
      },
    },
  );
  console.log(`[calling ${options.to} from ${SIMULATED_CALLER_NUMBER}, call ${client.callId}]`);
  try {
    if (callIsOver(await client.opening())) return;
    if (script) await replay(client, script);
    else await converse(client);
  } finally {
    await client.hangUp();
  }
}

async function main(): Promise<number> {
  let options: SimulatorOptions | null;
  try {
    options = parseSimulatorArguments(process.argv.slice(2), { toNumber: DEMO_PHONE_NUMBER, agentId: DEMO_AGENT_ID });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    console.log(USAGE);
    return 0;
  }
  try {
    await placeCall(options);
    return 0;
  } catch (error) {
    endSpeech();
    if (error instanceof CallClosedError) console.error(`[call dropped: the service closed the connection, code ${error.code}]`);
    else console.error(`[call failed] ${error instanceof Error ? error.message : String(error)}`);
    console.error('Is the gateway running? Start it with `npm start`.');
    return 1;
  }
}

process.exitCode = await main();
// Leave nothing (stdin, timers) holding the process once the call is over.
process.exit();
