// Servers that attack: an attacker on a second loopback address (127.0.0.2) that takes whatever
// reaches it and answers as if it were Amazon or the agency; a redirector that points every
// request at it; and an "echoing Amazon" that sends back what it was sent, in every encoding a
// careless client might print or store. Real HTTP servers, for tests of src/http/outbound.ts.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HostileServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

async function serve(host: string, handle: (req: Received, res: ServerResponse) => void): Promise<HostileServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      handle(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ATTACKER_TOKEN = 'Atza|ATTACKER-ISSUED-TOKEN-0666';

/** The attacker, on 127.0.0.2: issues its own token to a token form, "accepts" a closure, serves its own seller data. */
export function startAttacker(): Promise<HostileServer> {
  return serve('127.0.0.2', (req, res) => {
    if (req.body.includes('grant_type')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: ATTACKER_TOKEN, token_type: 'bearer', expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: 'ATTACKER-TICKET', payload: [], errors: [] }));
  });
}

/** Answers every request with `status` and a Location on the attacker (same path). */
export function startRedirector(status: number, target: string): Promise<HostileServer> {
  return serve('127.0.0.1', (req, res) => {
    res.writeHead(status, { location: `${target}${req.url}` }).end();
  });
}

/** Every way a server might send a received value back. */
export function echoes(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    decodeURIComponentSafe(value),
    JSON.stringify(value),
    Buffer.from(value).toString('base64'),
    Buffer.from(`x${value}`).toString('base64url'),
    encodeURIComponent(encodeURIComponent(value)),
  ];
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * An "Amazon" that echoes. `lwa: 'echo'`: the token endpoint refuses, putting the whole form it got
 * (refresh token, client secret) into `error` and `error_description`, encoded every way.
 * `lwa: 'issue'`: it issues an access token not shaped like Amazon's, and every SP-API call is
 * refused with that token, and every header, echoed back every way.
 */
export function startEchoingAmazon(lwa: 'echo' | 'issue'): Promise<HostileServer & { accessToken: string; env: Record<string, string> }> {
  const accessToken = 'ECHO-ACCESS-TOKEN-not-Atza-7788aa';
  return serve('127.0.0.1', (req, res) => {
    if (req.url.startsWith('/auth/o2/token')) {
      if (lwa === 'echo') {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: req.body, error_description: echoes(req.body).join(' | ') }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', expires_in: 3600 }));
      }
      return;
    }
    const token = String(req.headers['x-amz-access-token'] ?? '');
    const headers = JSON.stringify(req.headers);
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ code: `Bad ${token}`, message: echoes(token).join(' | '), details: `${req.url} ${echoes(req.url).join(' ')} ${headers} ${Buffer.from(headers).toString('base64')}` }] }));
  }).then((server) => ({
    ...server,
    accessToken,
    env: { SP_API_ENDPOINT: server.url, SP_API_LWA_ENDPOINT: `${server.url}/auth/o2/token` },
  }));
}

/** A webhook that answers 2xx with an endless body (it streams until the client stops reading). */
export function startFloodingWebhook(status = 200): Promise<HostileServer & { bytesSent(): number }> {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return serve('127.0.0.1', (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"reference":"');
    const pump = () => {
      while (!res.destroyed && sent < 2 * 1024 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}');
    };
    res.on('close', () => undefined);
    pump();
  }).then((server) => ({ ...server, bytesSent: () => sent }));
}
