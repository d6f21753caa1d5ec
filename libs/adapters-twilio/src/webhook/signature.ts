import twilio from 'twilio';

/**
 * Checks `X-Twilio-Signature` (HMAC-SHA1 of the public URL and the sorted POST params, keyed by the auth
 * token) with the SDK's validateRequest, which compares in constant time. Without an auth token nothing
 * can be checked: that is only acceptable in local development, and the handlers log it at startup.
 */
export class TwilioSignatureVerifier {
  constructor(private readonly authToken: string | undefined) {}

  get enforced(): boolean {
    return this.authToken !== undefined;
  }

  /** `signedUrl` is the public URL Twilio requested; `params` the form body exactly as parsed. */
  verify(signedUrl: string, params: Record<string, unknown>, signature: string | undefined): boolean {
    if (this.authToken === undefined) return true;
    if (!signature) return false;
    return twilio.validateRequest(this.authToken, signature, signedUrl, params);
  }
}
