// A ticketing system's webhook endpoint on 127.0.0.1: checks the signature, answers as told
// (a queue of status codes), and, as a careful receiver does, opens one ticket per
// Idempotency-Key however often the same request arrives.

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signatureValid: boolean;
}

export interface WebhookServer {
  url: string;
  received: ReceivedPost[];
  /** Tickets opened, by Idempotency-Key. */
  tickets: Map<string, string>;
  /** Status codes to answer with, in order; 200 once it is empty. */
  answers: number[];
  close(): Promise<void>;
}

export async function startWebhookServer(secret: string): Promise<WebhookServer> {
  const received: ReceivedPost[] = [];
  const tickets = new Map<string, string>();
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const signatureValid = req.headers['x-close-account-signature'] === expected;
      received.push({ headers: req.headers, body, signatureValid });
      const status = answers.shift() ?? 200;
      if (status === 0) {
        req.socket.destroy(); // a dropped connection
        return;
      }
      if (!signatureValid) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
        return;
      }
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(`{"error":"status ${status}"}`);
        return;
      }
      const key = String(req.headers['idempotency-key']);
      if (!tickets.has(key)) tickets.set(key, `TICKET-${tickets.size + 1}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: tickets.get(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/closures`,
    received,
    tickets,
    answers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
