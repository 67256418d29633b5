// Hub answers arrive as Result envelopes; handlers turn a refusal into a BatonError so the
// renderer gets the hub's code and message unchanged.
import { BatonError, type Result } from '../../../shared/result';

export function valueOrThrow(result: Result<unknown>): unknown {
  if (!result.ok) throw new BatonError(result.error.code, result.error.message);
  return result.value;
}
