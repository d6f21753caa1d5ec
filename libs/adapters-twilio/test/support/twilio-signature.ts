import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature computed the way Twilio documents it, independently of the SDK under test:
 * base64(HMAC-SHA1(authToken, url + each param name and value, names sorted)).
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
