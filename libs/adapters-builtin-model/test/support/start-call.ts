import type { ConversationContext } from '@crowndesk/domain';
import { BuiltinReceptionistModel } from '../../src';
import { FakeTools } from './fake-tools';
import { practiceContext } from './practice';
import { SimulatedCall } from './simulated-call';

/** A new call to the built-in receptionist, with a fake front desk answering its tools. */
export function startCall(tools = new FakeTools(), context: Partial<ConversationContext> = {}): SimulatedCall {
  return new SimulatedCall(new BuiltinReceptionistModel(), practiceContext(context), tools.respond);
}
