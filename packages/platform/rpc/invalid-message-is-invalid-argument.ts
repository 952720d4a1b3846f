import type { ConnectRouter } from '@connectrpc/connect';
import type { UniversalHandler, UniversalServerResponse } from '@connectrpc/connect/protocol';

/**
 * Connect answers a request body that is not valid protobuf binary with INTERNAL ("parse
 * binary: ..."), as grpc-go does; JSON that is not the message already gets INVALID_ARGUMENT.
 * Either is the caller's mistake, so both are INVALID_ARGUMENT here. The parse happens before
 * any interceptor runs, so the handler's answer is corrected on its way out, in each
 * protocol's shape: gRPC trailers, a gRPC-Web trailer frame, a Connect error body.
 */
export function treatUnparsableMessagesAsInvalidArgument(router: ConnectRouter): void {
  const handlers = router.handlers as UniversalHandler[];
  handlers.splice(0, handlers.length, ...handlers.map(correctingParseErrors));
}

const PARSE_FAILURE = 'parse binary';

function correctingParseErrors(handler: UniversalHandler): UniversalHandler {
  const corrected = async (request: Parameters<UniversalHandler>[0]): Promise<UniversalServerResponse> => {
    const response = await handler(request);
    const body = response.body;
    if (!body || isConnectUnarySuccess(response)) return response;
    // A corrected error body may be longer than the length the handler announced.
    if (response.status === 500) response.header?.delete('content-length');
    return { ...response, ...correctedBody(response, body) };
  };
  return Object.assign(corrected, handler);
}

function isConnectUnarySuccess(response: UniversalServerResponse): boolean {
  const type = response.header?.get('content-type');
  return response.status === 200 && (type === 'application/json' || type === 'application/proto');
}

function correctedBody(response: UniversalServerResponse, body: AsyncIterable<Uint8Array>) {
  const isConnectUnaryError = response.status === 500;
  async function* chunks(): AsyncIterable<Uint8Array> {
    for await (const chunk of body) yield correctChunk(chunk);
    // gRPC: the status rides in HTTP/2 trailers, filled while the body was produced.
    const trailer = response.trailer;
    if (
      trailer?.get('grpc-status') === '13' &&
      decodeURIComponent(trailer.get('grpc-message') ?? '').startsWith(PARSE_FAILURE)
    ) {
      trailer.set('grpc-status', '3');
    }
  }
  return { status: isConnectUnaryError ? 400 : response.status, body: chunks() };
}

/** A Connect error body or end-stream message, or a gRPC-Web trailer frame, about a parse failure. */
function correctChunk(chunk: Uint8Array): Uint8Array {
  const text = Buffer.from(chunk).toString('latin1');
  if (!text.includes(PARSE_FAILURE)) return chunk;
  if (text.includes('"code":"internal"')) {
    const fixed = text.replace('"code":"internal"', '"code":"invalid_argument"');
    return reframe(chunk, Buffer.from(fixed, 'latin1'));
  }
  if (/grpc-status:\s*13/.test(text)) {
    return reframe(chunk, Buffer.from(text.replace(/grpc-status:\s*13/, 'grpc-status: 3'), 'latin1'));
  }
  return chunk;
}

/** Same bytes, but an enveloped chunk (flags byte + 4-byte length) gets its length fixed. */
function reframe(original: Uint8Array, replaced: Buffer): Uint8Array {
  const enveloped =
    original.length >= 5 &&
    new DataView(original.buffer, original.byteOffset).getUint32(1) === original.length - 5;
  if (enveloped) replaced.writeUInt32BE(replaced.length - 5, 1);
  return replaced;
}
