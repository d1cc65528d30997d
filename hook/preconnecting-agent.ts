/**
 * A keep-alive https.Agent that can open its first connection ahead of the first request: the SNS
 * client of a cold Action starts the TCP connection and TLS handshake to SNS while the SDK still builds,
 * serialises and signs the first Publish, and the SDK's request then gets that very socket (it goes
 * through the agent like any other). From Auth0 to AWS the connection costs DNS, TCP and TLS round
 * trips: overlapping them with the SDK's CPU work shortens every cold start.
 *
 * A pre-connected socket is handed out at most once, only to a request for the same host and port; a
 * failed one is dropped (the request then connects itself and reports the real error); one never
 * claimed does not keep the process alive and is closed with the agent.
 */
import { Agent, type AgentOptions } from "node:https";
import type { ClientRequest } from "node:http";
import { isIP, type Socket } from "node:net";
import { baseAddRequest, noteRequest } from "./request-delivery";

/** The SDK's NodeHttpHandler defaults for the agent it would create itself. */
const AGENT_OPTIONS: AgentOptions = { keepAlive: true, maxSockets: 50 };

interface Pending {
  key: string;
  socket: Socket;
  failed: boolean;
}

type ConnectionOptions = { host?: string | null; hostname?: string | null; port?: number | string | null } & Record<string, unknown>;
type CreateConnection = (options: ConnectionOptions, callback?: (error: Error | null, socket: Socket) => void) => Socket | undefined;

/** Node's ClientRequest always sets `host` (default `localhost`) and `port` (the agent's default, 443). */
function hostPortKey(host: unknown, port: unknown): string {
  return `${String(host)}:${String(port)}`;
}

export class PreconnectingAgent extends Agent {
  private pending: Pending | undefined;

  /** `extra` adds https.Agent options (tests pass `ca` to trust a local endpoint). */
  constructor(extra: AgentOptions = {}) {
    super({ ...AGENT_OPTIONS, ...extra });
  }

  /**
   * Starts connecting to the origin of `url` (https only), so that the next request there reuses the
   * connection. Does nothing while a pre-connected socket is still unclaimed.
   */
  preconnect(url: URL): void {
    if (url.protocol !== "https:" || this.pending !== undefined) return;
    // Stryker disable next-line all: performance only: a wrong host or port makes the connection opened
    // ahead fail or go unclaimed, and the request connects itself (IPv6 endpoints are not tested).
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    // Stryker disable next-line all: performance only, as above.
    const port = url.port === "" ? 443 : Number(url.port);
    // The options the agent's own createSocket() would pass for this origin: its options (keep-alive,
    // noDelay) and the servername for SNI and the certificate check, unless the host is an IP address.
    const options: ConnectionOptions = { ...this.options, host, port, ...(isIP(host) === 0 ? { servername: host } : {}) };
    const create = (Agent.prototype as unknown as { createConnection: CreateConnection }).createConnection;
    const socket = create.call(this, options);
    // Stryker disable next-line ConditionalExpression: https.Agent's createConnection returns a socket.
    if (socket === undefined) return;
    const pending: Pending = { key: hostPortKey(host, port), socket, failed: false };
    socket.once("error", () => {
      pending.failed = true;
    });
    // Stryker disable next-line CallExpression: decides only whether an unclaimed socket keeps a process alive (not observable inside a test process).
    socket.unref();
    this.pending = pending;
  }

  /** True while a pre-connected socket waits for its request (it progresses only when the event loop runs). */
  hasUnclaimedConnection(): boolean {
    return this.pending !== undefined && !this.pending.failed;
  }

  /** Called by the agent for every new connection: the pre-connected socket when it fits, else a new one. */
  override createConnection(options: ConnectionOptions, callback?: (error: Error | null, socket: Socket) => void): Socket | undefined {
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      const usable = !pending.failed && !pending.socket.destroyed && pending.key === hostPortKey(options.host, options.port);
      if (usable) {
        // Stryker disable next-line CallExpression: as unref() above, the claimed socket's hold on the process.
        pending.socket.ref();
        return pending.socket;
      }
      pending.socket.destroy();
    }
    const create = (Agent.prototype as unknown as { createConnection: CreateConnection }).createConnection;
    return create.call(this, options, callback);
  }

  /** Every request of the client passes here: request-delivery.ts learns whether it was written. */
  addRequest(request: ClientRequest, options: unknown): void {
    noteRequest(request);
    baseAddRequest(Agent).call(this, request, options);
  }

  override destroy(): void {
    this.pending?.socket.destroy();
    this.pending = undefined;
    super.destroy();
  }
}
