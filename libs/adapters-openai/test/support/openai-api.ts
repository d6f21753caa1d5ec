/** The OpenAI endpoint and key the tests mock (with @crowndesk/testing's mockThirdPartyHttp). */
export const OPENAI_CHAT_URL = 'https://api.openai.com/v1/chat/completions';
export const API_KEY = 'sk-test-0123456789';
