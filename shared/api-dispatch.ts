// The one place where an API call coming from a renderer is checked and handed to a service
// (VS Code's validatedIpcMain). Both transports (Electron IPC, browser-host WebSocket) call it.
import { apiMethods, isMethodName, type ApiHandlers, type MethodName } from './api';
import { BatonError, describeZodError, err, ok, type Result } from './result';

export interface DispatchLog {
  error(message: string, detail?: unknown): void;
}

export async function dispatchApiCall(
  handlers: ApiHandlers,
  method: unknown,
  rawArgs: unknown,
  log: DispatchLog,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return err('bad_request', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
  const spec = apiMethods[method];
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) return err('bad_request', `${method}: ${describeZodError(parsed.error)}`);
  try {
    const handler = handlers[method] as (args: unknown) => unknown;
    const value = await handler(parsed.data);
    return ok(value);
  } catch (error) {
    if (error instanceof BatonError) return err(error.code, error.message);
    log.error(`api ${method as MethodName} failed`, error);
    return err('internal', `${method} failed unexpectedly; see the application log`);
  }
}
