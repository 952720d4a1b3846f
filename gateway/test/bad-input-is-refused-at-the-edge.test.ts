/**
 * Hostile and broken requests stop at the gateway: oversized bodies (413), malformed JSON
 * (400), header floods (431) and clients that never finish their headers (cut off), and
 * none of them reaches the service behind.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { problemOf } from '@emporium/platform/testing';
import { startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('oversized, malformed, header-flooding and slow clients are refused before a service sees them', async (t) => {
  const registry = await startTestRegistry(t);
  const identity = await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry, {
    BODY_LIMIT_BYTES: '2048',
    MAX_HEADERS_COUNT: '30',
    HEADERS_TIMEOUT_MS: '1000',
    REQUEST_TIMEOUT_MS: '2000',
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    gateway.fetch('/api/auth/login', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  const oversized = await post(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(4096) }));
  assert.equal(oversized.status, 413);
  assert.equal((await problemOf(oversized)).code, 'BODY_TOO_LARGE');

  const malformed = await post('{"email": "a@b.c", ');
  assert.equal(malformed.status, 400);
  const problem = await problemOf(malformed);
  assert.equal(problem.code, 'MALFORMED_BODY');
  assert.equal(malformed.headers.get('content-type'), 'application/problem+json; charset=utf-8');

  const flood: Record<string, string> = {};
  for (let i = 0; i < 60; i++) flood[`x-flood-${i}`] = 'y';
  const flooded = await post('{}', flood);
  assert.equal(flooded.status, 431);
  assert.equal((await problemOf(flooded)).code, 'TOO_MANY_HEADERS');

  const huge = await gateway.fetch('/api/auth/login', { headers: { 'x-big': 'z'.repeat(32 * 1024) } });
  assert.equal(huge.status, 431, 'a head past MAX_HEADER_BYTES is refused by the server itself');

  // Slowloris: a request line and one header, then silence; the gateway closes the socket.
  const closed = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write('GET /api/auth/login HTTP/1.1\r\nHost: x\r\n');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the gateway kept a silent client for 20 s'));
    }, 20_000);
    socket.on('close', () => clearTimeout(timer));
  });
  assert.match(closed, /^(HTTP\/1\.1 408|$)/, 'a client that never finishes its head is cut off');

  assert.equal(identity.received.length, 0, 'nothing refused reached identity');
  const fine = await post(JSON.stringify({ email: 'a@b.c', password: 'pw' }));
  assert.equal(fine.status, 200);
  assert.equal(
    identity.received.at(-1)?.body,
    '{"email":"a@b.c","password":"pw"}',
    'bodies pass byte for byte',
  );
});
