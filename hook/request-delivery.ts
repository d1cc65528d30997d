/**
 * Whether a Publish attempt could have reached SNS. An HTTP request that was never completely handed
 * to the operating system (DNS failed, the connection was refused or timed out, TLS was not trusted)
 * cannot have been processed by SNS: it is safe to send again. Once the whole request was written,
 * SNS may have taken it, whatever happens to the connection afterwards.
 *
 * The SDK's retry middleware gives each attempt the headers `amz-sdk-invocation-id` (one per send)
 * and `amz-sdk-request` (`attempt=N; max=M`). The deadline guard (publish-deadline.ts) announces each
 * attempt under those two values; the client's HTTP agents see every request the SDK's handler makes
 * (`addRequest`) and report, under the same two values, when the request has been fully written
 * (`finish`: every byte handed to the socket).
 */
import { Agent as HttpAgent, type ClientRequest } from "node:http";

export const INVOCATION_ID_HEADER = "amz-sdk-invocation-id";
export const ATTEMPT_HEADER = "amz-sdk-request";

/** What is known about one attempt's HTTP request. */
export interface AttemptDelivery {
  /** An agent of the client received the request (it was about to connect or use a connection). */
  handedToAgent: boolean;
  /** The whole request was handed to the socket: SNS may have received it. */
  written: boolean;
}

const announced = new Map<string, AttemptDelivery>();

function attemptKey(invocationId: unknown, attempt: unknown): string | undefined {
  if (typeof invocationId !== "string" || typeof attempt !== "string") return undefined;
  return `${invocationId} ${attempt}`;
}

/**
 * Starts watching the attempt whose signed request carries these headers; `end()` stops it. Without
 * the two headers nothing can be matched, and the attempt counts as possibly delivered.
 */
export function watchAttempt(headers: Record<string, string | undefined>): { delivery: AttemptDelivery; end(): void } {
  const delivery: AttemptDelivery = { handedToAgent: false, written: false };
  const key = attemptKey(headers[INVOCATION_ID_HEADER], headers[ATTEMPT_HEADER]);
  if (key === undefined) return { delivery, end: () => undefined };
  announced.set(key, delivery);
  return {
    delivery,
    end: () => {
      if (announced.get(key) === delivery) announced.delete(key);
    },
  };
}

/** True unless the attempt's request certainly never reached SNS. */
export function mayHaveReachedSns(delivery: AttemptDelivery): boolean {
  return !delivery.handedToAgent || delivery.written;
}

/** Called by the agents for every request they receive. */
export function noteRequest(request: ClientRequest): void {
  const key = attemptKey(request.getHeader(INVOCATION_ID_HEADER), request.getHeader(ATTEMPT_HEADER));
  const delivery = key === undefined ? undefined : announced.get(key);
  if (delivery === undefined) return;
  delivery.handedToAgent = true;
  request.once("finish", () => {
    delivery.written = true;
  });
}

type AddRequest = (request: ClientRequest, options: unknown) => void;

/** `Agent.prototype.addRequest` (present on http and https agents since Node 0.x, not in @types/node). */
export function baseAddRequest(agentClass: typeof HttpAgent): AddRequest {
  return (agentClass.prototype as unknown as { addRequest: AddRequest }).addRequest;
}

/** The keep-alive agent for `http://` endpoints (emulators, tests), with the SDK's own defaults. */
export class DeliveryTrackingHttpAgent extends HttpAgent {
  constructor() {
    super({ keepAlive: true, maxSockets: 50 });
  }

  addRequest(request: ClientRequest, options: unknown): void {
    noteRequest(request);
    baseAddRequest(HttpAgent).call(this, request, options);
  }
}
