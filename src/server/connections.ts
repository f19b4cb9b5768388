import type http from 'node:http';
import type { Socket } from 'node:net';

interface SocketState {
  /** Requests on this socket whose response has not closed yet. */
  active: number;
  /** When the socket last became idle (no active request), ms since epoch. */
  idleSince: number;
  /** `bytesRead` then: more bytes since means a request is arriving. */
  bytesAtIdle: number;
}

/**
 * Tracks the server's open connections and which of them carry a request, so a drain can close
 * the idle ones without cutting a request that is already on the wire: a kept-alive socket is
 * closed only after it has been idle, with no new bytes, for a grace period.
 */
export class ConnectionTracker {
  private readonly sockets = new Map<Socket, SocketState>();

  constructor(server: http.Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, { active: 0, idleSince: Date.now(), bytesAtIdle: 0 });
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const state = this.sockets.get(req.socket);
      if (!state) return;
      state.active++;
      res.once('close', () => {
        state.active--;
        state.idleSince = Date.now();
        state.bytesAtIdle = req.socket.bytesRead;
      });
    });
  }

  /** Open connections, busy or idle. */
  get size(): number {
    return this.sockets.size;
  }

  /** Connections carrying a request right now. */
  get busy(): number {
    let n = 0;
    for (const state of this.sockets.values()) if (state.active > 0) n++;
    return n;
  }

  /** Closes connections idle (and silent) for at least `graceMs`; returns how many. */
  closeIdle(graceMs: number, now = Date.now()): number {
    let closed = 0;
    for (const [socket, state] of this.sockets) {
      if (state.active > 0 || now - state.idleSince < graceMs) continue;
      if (socket.bytesRead !== state.bytesAtIdle) continue;
      socket.destroy();
      closed++;
    }
    return closed;
  }

  /** Destroys every connection (the drain's deadline passed); returns how many carried a request. */
  destroyAll(): number {
    const busy = this.busy;
    for (const socket of this.sockets.keys()) socket.destroy();
    return busy;
  }
}
