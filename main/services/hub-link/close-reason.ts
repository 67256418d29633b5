// Turns a WebSocket close into what the link does next and a sentence a person can act on.
import { CloseCode, FATAL_CLOSE_CODES } from '../../../shared/hub-protocol';

export type CloseVerdict =
  /** Try again after a backoff delay. */
  | { action: 'retry'; message: string }
  /** Stop; a person has to change something (token, role) before retrying helps. */
  | { action: 'stop'; fatal: true; message: string }
  /** Stop without blaming configuration (e.g. the same agent signed in elsewhere). */
  | { action: 'stop'; fatal: false; message: string };

export function judgeClose(code: number, reason: string): CloseVerdict {
  const said = reason ? ` The hub said: "${reason}".` : '';
  if (FATAL_CLOSE_CODES.has(code)) {
    if (code === CloseCode.Unauthorized) {
      return {
        action: 'stop',
        fatal: true,
        message: `The hub refused this desktop's agent token (4401 Unauthorized).${said} Ask your team lead or admin for a new token and enter it in Settings → Hub connection.`,
      };
    }
    return {
      action: 'stop',
      fatal: true,
      message: `The hub does not allow this account to connect here (4403 Forbidden).${said} Check with your admin that your role allows this view.`,
    };
  }
  if (code === CloseCode.Replaced) {
    return {
      action: 'stop',
      fatal: false,
      message: `This agent signed in from another window or device, so this one was disconnected.${said} Reconnect here to take over again.`,
    };
  }
  if (code === CloseCode.BadRequest) {
    return { action: 'retry', message: `The hub rejected a frame from this desktop (4400).${said} Reconnecting.` };
  }
  if (code === CloseCode.ServerRestart || code === CloseCode.GoingAway) {
    return { action: 'retry', message: `The hub is restarting.${said} Reconnecting.` };
  }
  if (code === CloseCode.TooManyRequests) {
    return { action: 'retry', message: `The hub is busy (4429).${said} Retrying later.` };
  }
  if (code === CloseCode.HandshakeTimeout) {
    return { action: 'retry', message: `The hub closed the connection before the sign-in finished.${said} Reconnecting.` };
  }
  return { action: 'retry', message: `Lost the connection to the hub (code ${code}).${said} Reconnecting.` };
}
