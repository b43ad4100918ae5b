import { createServer, type Server, type Socket } from 'node:net';

/**
 * A PostgreSQL server on 127.0.0.1 that speaks just enough of the wire protocol (v3) for `pg`:
 * startup → AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery; a simple Query →
 * RowDescription, DataRow, CommandComplete, ReadyForQuery (every query answers one int4 column
 * `?column?` = 1); Terminate closes the connection. No TLS (an SSLRequest is answered 'N'), no
 * extended protocol.
 *
 * `silent` makes it accept connections and read, but never answer: a database that hangs.
 */
export class FakePostgres {
  silent = false;
  /** Every query text received, in order. */
  readonly queries: string[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
    server.on('connection', (socket) => this.#accept(socket));
  }

  /** Listens on `port` (0: any free one) of 127.0.0.1. */
  static async start(port = 0): Promise<FakePostgres> {
    const fake = new FakePostgres(createServer());
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(port, '127.0.0.1', resolve);
    });
    return fake;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** Connections the server still has open (a client that cleaned up leaves none). */
  get openSockets(): number {
    return this.#sockets.size;
  }

  /** The database dies: stops listening and drops every connection. */
  async kill(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined); // a client that resets the connection is not our failure
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (this.silent) return;
      for (;;) {
        if (!started) {
          // Startup packets have no type byte: Int32 length, Int32 code, body.
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code === 80877103 || code === 80877104) socket.write('N'); // SSLRequest, GSSENCRequest: no
          else {
            started = true;
            socket.write(Buffer.concat([authenticationOk(), parameterStatus('server_version', '16.0'), parameterStatus('client_encoding', 'UTF8'), backendKeyData(), readyForQuery()]));
          }
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'X') {
          socket.end();
          return;
        }
        if (type === 'Q') {
          this.queries.push(body.subarray(0, body.length - 1).toString('utf8'));
          socket.write(Buffer.concat([rowDescription('?column?'), dataRow('1'), commandComplete('SELECT 1'), readyForQuery()]));
        }
      }
    });
  }
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const int16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');

const authenticationOk = (): Buffer => message('R', int32(0));
const parameterStatus = (name: string, value: string): Buffer => message('S', Buffer.concat([cstring(name), cstring(value)]));
const backendKeyData = (): Buffer => message('K', Buffer.concat([int32(process.pid), int32(42)]));
const readyForQuery = (): Buffer => message('Z', Buffer.from('I'));
const commandComplete = (tag: string): Buffer => message('C', cstring(tag));
/** One int4 column in text format. */
const rowDescription = (name: string): Buffer =>
  message('T', Buffer.concat([int16(1), cstring(name), int32(0), int16(0), int32(23), int16(4), int32(-1), int16(0)]));
const dataRow = (value: string): Buffer => {
  const bytes = Buffer.from(value, 'utf8');
  return message('D', Buffer.concat([int16(1), int32(bytes.length), bytes]));
};
