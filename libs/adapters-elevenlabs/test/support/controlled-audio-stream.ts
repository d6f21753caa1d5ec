/**
 * A response body the test feeds by hand: nothing is sent until the test says so, and the stream ends only
 * when the test ends it. Lets a test prove the client yields audio before the response is complete.
 */
export class ControlledAudioStream {
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  readonly stream: ReadableStream<Uint8Array>;
  cancelled = false;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.cancelled = true;
      },
    });
  }

  send(chunk: Uint8Array): void {
    this.controller?.enqueue(chunk);
  }

  end(): void {
    this.controller?.close();
  }
}
