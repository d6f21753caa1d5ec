import type { ModelToolCall } from '@crowndesk/domain';
import type { ToolCallFragment } from './completion-chunk';
import { MalformedStreamError } from './completion-error';

interface PendingToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/**
 * Rebuilds whole tool calls from streamed fragments. OpenAI sends the id and name in the first fragment of
 * each call and the arguments in pieces, keyed by `index`; several calls may interleave. Some compatible
 * servers send a whole call in one fragment, repeat the id on every fragment, or reuse index 0 for every
 * call (with distinct ids); all of these assemble the same way.
 */
export class ToolCallAssembler {
  readonly #calls: PendingToolCall[] = [];
  readonly #latestByIndex = new Map<number, PendingToolCall>();

  /** @param position the fragment's place in its delta, the index for servers that omit one. */
  add(fragment: ToolCallFragment, position: number): void {
    const index = fragment.index ?? position;
    const id = fragment.id ?? '';
    let call = this.#latestByIndex.get(index);
    if (!call || (id !== '' && call.id !== '' && id !== call.id)) {
      call = { index, id: '', name: '', arguments: '' };
      this.#calls.push(call);
      this.#latestByIndex.set(index, call);
    }
    if (id !== '') call.id = id;
    // The name is whole in whichever fragment carries it; servers that repeat it must not double it.
    if (fragment.function?.name) call.name = fragment.function.name;
    // Arguments are raw text, kept byte for byte even when malformed: the domain validates them.
    call.arguments += fragment.function?.arguments ?? '';
  }

  /** The assembled calls in index order, then forgets them so none is emitted twice. */
  drain(): ModelToolCall[] {
    const calls = [...this.#calls].sort((a, b) => a.index - b.index);
    this.#calls.length = 0;
    this.#latestByIndex.clear();
    return calls.map((call) => {
      if (call.id === '' || call.name === '') {
        throw new MalformedStreamError(`tool call at index ${call.index} has no ${call.id === '' ? 'id' : 'name'}`);
      }
      return { id: call.id, name: call.name, arguments: call.arguments };
    });
  }
}
