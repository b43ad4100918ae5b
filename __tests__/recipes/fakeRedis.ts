import { createServer, type Server, type Socket } from 'node:net';

/**
 * A Redis server on 127.0.0.1 that speaks RESP2, enough for ioredis: `HELLO` is refused as by
 * Redis 5 (ioredis then stays on RESP2), `CLIENT SETNAME`/`SETINFO` and `SELECT` answer OK, `INFO`
 * (ioredis's ready check) says the data set is loaded, `PING` answers PONG, `QUIT` answers OK and
 * closes. Anything else is an error reply.
 *
 * `silent` makes it accept connections and read, but never answer: a server that hangs.
 */
export class FakeRedis {
  silent = false;
  /** Connections accepted so far: a client that reconnects shows up here. */
  connections = 0;
  /** Every command received (upper-cased name and arguments), in order. */
  readonly commands: string[][] = [];
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
    server.on('connection', (socket) => this.#accept(socket));
  }

  /** Listens on `port` (0: any free one) of 127.0.0.1. */
  static async start(port = 0): Promise<FakeRedis> {
    const fake = new FakeRedis(createServer());
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

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Connections the server still has open (a client that cleaned up leaves none). */
  get openSockets(): number {
    return this.#sockets.size;
  }

  /** Names of the commands received, e.g. `['HELLO', 'CLIENT', 'INFO', 'PING']`. */
  get names(): string[] {
    return this.commands.map(([name]) => name ?? '');
  }

  /** The server dies: stops listening and drops every connection. */
  async kill(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.connections++;
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined); // a client that resets the connection is not our failure
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (this.silent) return;
      for (let parsed = parseCommand(buffer); parsed !== undefined; parsed = parseCommand(buffer)) {
        buffer = buffer.subarray(parsed.length);
        const command = [parsed.args[0]?.toUpperCase() ?? '', ...parsed.args.slice(1)];
        this.commands.push(command);
        socket.write(reply(command));
        if (command[0] === 'QUIT') {
          socket.end();
          return;
        }
      }
    });
  }
}

function reply([name = '', ...args]: string[]): string {
  switch (name) {
    case 'HELLO':
      return `-ERR unknown command 'HELLO', with args beginning with: ${args.map((a) => `'${a}' `).join('')}\r\n`;
    case 'CLIENT':
    case 'SELECT':
    case 'QUIT':
      return '+OK\r\n';
    case 'PING':
      return '+PONG\r\n';
    case 'INFO':
      return bulk('# Server\r\nredis_version:5.0.14\r\n# Persistence\r\nloading:0\r\n');
    default:
      return `-ERR unknown command '${name}'\r\n`;
  }
}

const bulk = (s: string): string => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;

/** One RESP array of bulk strings from the front of `buffer`, or undefined if it is incomplete. */
function parseCommand(buffer: Buffer): { args: string[]; length: number } | undefined {
  let at = 0;
  const line = (): string | undefined => {
    const end = buffer.indexOf('\r\n', at);
    if (end === -1) return undefined;
    const text = buffer.toString('utf8', at, end);
    at = end + 2;
    return text;
  };
  const header = line();
  if (header === undefined) return undefined;
  if (!header.startsWith('*')) return { args: header.split(' '), length: at }; // inline command
  const count = Number(header.slice(1));
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    const size = line();
    if (size === undefined) return undefined;
    const n = Number(size.slice(1));
    if (buffer.length < at + n + 2) return undefined;
    args.push(buffer.toString('utf8', at, at + n));
    at += n + 2;
  }
  return { args, length: at };
}
