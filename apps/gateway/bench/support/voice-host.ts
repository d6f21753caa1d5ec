import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';
import { serveGatewayHost } from './gateway-host';
import { hostEnvironmentSchema } from './host-messages';

/**
 * The server side of the voice benchmark, in its own process (forked by host-process.ts) so that it has its
 * own event loop and CPU account, as in production where Twilio and the speech vendors are remote. Serves
 * the real gateway on the media-stream speech path (embedded SQLite in a fresh DATA_DIR, built-in engine,
 * info-level logs; OpenAI and ElevenLabs are the benchmark's loopback stand-ins) and the ws echo baseline.
 */

await serveGatewayHost({
  dataDirPrefix: 'crowndesk-voice-bench-',
  environment: hostEnvironmentSchema.parse(JSON.parse(process.argv[2] ?? '{}')),
  // OPENAI_API_KEY (the recognizer's) would also pick OpenAI as the chat model: the built-in engine answers.
  overrides: { languageModel: new BuiltinReceptionistModel() },
  announce: (url) => url,
});
