/** Calls one API method of a running HTTP shell over real HTTP, as the browser bridge does. */
import { request } from 'node:http';
import type { ApiEnvelope } from '../../src/api/contract';

/** POSTs `args` to `/api/call/<method>` on 127.0.0.1:`port` with the shell's token; resolves with the envelope. */
export function postToShell(port: number, token: string, method: string, args: unknown): Promise<ApiEnvelope<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/api/call/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json', 'x-hindsight-token': token } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body) as ApiEnvelope<unknown>));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}
