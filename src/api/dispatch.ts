/** Validates a call against the contract and runs it on a service; shared by every transport. */
import { apiArgs, type ApiEnvelope, type ApiHandlers, type ApiMethod } from './contract';
import { ApiError, toErrorData } from './errors';

/** True when `name` is a method of the API (guards transports against arbitrary strings). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiArgs, name);
}

/** Runs one API call: validates `rawArgs`, calls the handler, and wraps the outcome in an envelope. */
export async function dispatch(handlers: ApiHandlers, method: unknown, rawArgs: unknown): Promise<ApiEnvelope<unknown>> {
  try {
    if (!isApiMethod(method)) throw new ApiError('unknown_method', `There is no API method called ${JSON.stringify(method)}.`);
    const parsed = apiArgs[method].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw new ApiError('invalid_argument', `Invalid arguments for ${method}${where}: ${issue?.message ?? 'unknown problem'}.`);
    }
    const handler = handlers[method] as (args: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
