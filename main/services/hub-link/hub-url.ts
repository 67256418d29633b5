// People paste a hub address in whatever form they were given: http(s) base URL or ws(s) URL, with
// or without the /ws path. The link needs exactly one form.
import { HUB_WS_PATH } from '../../../shared/hub-protocol';

export function toHubWebSocketUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`hub URL ${JSON.stringify(input)} is not a valid URL (expected e.g. https://hub.example.com)`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new Error(`hub URL must start with http://, https://, ws:// or wss:// (got ${url.protocol})`);
  }
  if (url.pathname === '' || url.pathname === '/') url.pathname = HUB_WS_PATH;
  url.hash = '';
  return url.toString();
}
