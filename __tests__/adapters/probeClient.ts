import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProbeBody } from '../../src/adapters/http/index.js';

/** A probe's JSON body, or the 404/500 shapes. */
export type AnswerBody = ProbeBody & { readonly paths?: string[]; readonly error?: string };

/** What a probe answered. */
export interface ProbeAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** Parsed JSON; `undefined` for HEAD or a non-JSON answer (typed for the common case). */
  readonly body: AnswerBody;
}

/** One real HTTP request to 127.0.0.1, no keep-alive, so closing the server never waits on us. */
export function probe(server: Server, path: string, method = 'GET'): Promise<ProbeAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = String(res.headers['content-type']).startsWith('application/json') && text !== '';
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: (json ? JSON.parse(text) : undefined) as AnswerBody });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function closeServer(server: Server | undefined): Promise<void> {
  if (server === undefined || !server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
}
