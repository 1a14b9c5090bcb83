// A real HTTP proxy on 127.0.0.1 for tests: it records every request it is
// asked to carry and tunnels CONNECT requests to one fixed loopback port,
// whatever host they name, so a test can use a host name that no DNS knows
// and be sure a request that arrives came through the proxy.

import * as http from 'node:http';
import * as net from 'node:net';

export class ConnectProxy {
  /** The `host:port` of each CONNECT, and the URL of each plain proxied request, in order. */
  readonly seen: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<ConnectProxy> {
    const server = http.createServer();
    const proxy = new ConnectProxy(server, targetPort);
    server.on('connection', (socket) => proxy.track(socket));
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
      proxy.tunnel(req, client, head),
    );
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      // Only tunnels are carried; a plain request is recorded and refused.
      proxy.seen.push(req.url ?? '');
      res.writeHead(502).end();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** `http://127.0.0.1:<port>`: the value for VS Code's `http.proxy`. */
  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('proxy is not listening');
    }
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    this.seen.push(req.url ?? '');
    const upstream = net.connect(this.targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        upstream.write(head);
      }
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    const end = (): void => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  }
}
