/** Calls a service's API as the transports do and unwraps the answer, failing the test with the error sentence. */
import type { ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import type { HindsightService } from '../../src/api/service';

/** A caller of `service` that resolves to a method's value or throws with its error message. */
export function valueCaller(service: HindsightService): <T>(method: ApiMethod, args?: unknown) => Promise<T> {
  return async <T>(method: ApiMethod, args: unknown = {}): Promise<T> => {
    const envelope = await dispatch(service.handlers, method, args);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
    return envelope.value as T;
  };
}
