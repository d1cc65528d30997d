/**
 * The module-level SNS client: created on first use and reused while the secrets that shape it are
 * unchanged, so a warm Action keeps its keep-alive TLS connection to SNS. Changed secrets (a rotated
 * access key, another region or endpoint) replace it; the old one finishes the sends it has in flight
 * (destroying it would cut them, and the SDK would send them again on a new connection) and is closed,
 * with its sockets, once they have settled.
 */
import { SNSClient } from "@aws-sdk/client-sns";
import type { SenderSettings } from "./action-secrets";
import { PreconnectingAgent } from "./preconnecting-agent";
import { guardPublishAttempts } from "./publish-deadline";
import { NoDuplicateRetryStrategy } from "./publish-retry";
import { DeliveryTrackingHttpAgent } from "./request-delivery";

/**
 * Publish attempts per SMS (1 + 2 retries). Retries happen only when SNS certainly did not take the
 * message (publish-retry.ts): Publish is not idempotent.
 */
export const SNS_MAX_ATTEMPTS = 3;
/** Per attempt: TCP+TLS connection must be up within this (NodeHttpHandler `connectionTimeout`). */
export const SNS_CONNECTION_TIMEOUT_MS = 1_000;
/**
 * Backstop per attempt: the answer's headers must arrive within this (`requestTimeout` with
 * `throwOnRequestTimeout`), and the socket may not be idle longer than this (`socketTimeout`; the SNS
 * client's own default is 300 s). Never shorter than the send's deadline (SEND_DEADLINE_MS, 4.5 s):
 * a request SNS may have received is waited for until the deadline, never cut and sent again. It
 * only frees the socket of an attempt whose send has already given up.
 */
export const SNS_REQUEST_TIMEOUT_MS = 4_500;

export const SNS_USER_AGENT_APP_ID = "auth0-sns-mfa";

type ClientSettings = Pick<SenderSettings, "region" | "accessKeyId" | "secretAccessKey" | "endpoint">;

interface ClientEntry {
  settings: ClientSettings;
  client: SNSClient;
  /** Sends started on this client that have not settled yet. */
  inFlight: number;
  /** Replaced by a client for other settings: closed once inFlight reaches 0. */
  retired: boolean;
}

let current: ClientEntry | undefined;

function sameClientSettings(a: ClientSettings, b: ClientSettings): boolean {
  return a.region === b.region && a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey && a.endpoint === b.endpoint;
}

/**
 * Where the SDK will send Publish: SNS_ENDPOINT, or the regional endpoint the SDK's rules give for the
 * standard `aws` partition (sns.<region>.amazonaws.com). Undefined for other partitions (China, ISO),
 * whose host names differ: no connection is opened ahead there.
 */
export function expectedSnsOrigin(settings: Pick<SenderSettings, "region" | "endpoint">): URL | undefined {
  if (settings.endpoint !== undefined) return new URL(settings.endpoint);
  if (/^(cn|us-iso[a-z]?|eu-isoe?)-/.test(settings.region)) return undefined;
  return new URL(`https://sns.${settings.region}.amazonaws.com`);
}

function createSnsClient(settings: ClientSettings): SNSClient {
  const agent = new PreconnectingAgent();
  // Connect to SNS now: DNS, TCP and TLS proceed while the SDK builds and signs the first Publish, and
  // that Publish reuses this connection (one connection per client, as without pre-connecting).
  const origin = expectedSnsOrigin(settings);
  if (origin !== undefined) agent.preconnect(origin);
  const client = new SNSClient({
    region: settings.region,
    endpoint: settings.endpoint,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    maxAttempts: SNS_MAX_ATTEMPTS,
    retryStrategy: new NoDuplicateRetryStrategy(SNS_MAX_ATTEMPTS),
    // Resolve the middleware stack on the first send and reuse it: a warm send then skips rebuilding
    // and sorting ~20 middleware. Sends therefore pass no options and add no per-command middleware
    // (publish-deadline.ts keeps the deadline and attempt count without them).
    cacheMiddleware: true,
    // Fixed values, so nothing is looked up in environment variables or ~/.aws/config files: the
    // Action behaves the same on Auth0, in tests and on an operator's machine (send-test tool).
    defaultsMode: "standard",
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    authSchemePreference: ["sigv4"],
    // Clock-skew correction stays on (the SDK's default), but said here: left unset, the signer reads
    // ~/.aws/config and ~/.aws/credentials (two file reads on the first Publish of every cold start).
    disableClockSkewCorrection: false,
    /** Shows as `app/auth0-sns-mfa` in the User-Agent, so CloudTrail tells these calls apart. */
    userAgentAppId: SNS_USER_AGENT_APP_ID,
    requestHandler: {
      connectionTimeout: SNS_CONNECTION_TIMEOUT_MS,
      requestTimeout: SNS_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      socketTimeout: SNS_REQUEST_TIMEOUT_MS,
      httpsAgent: agent,
      httpAgent: new DeliveryTrackingHttpAgent(),
    },
  });
  // The SDK builds a request in promise continuations that never let the event loop run, so the
  // pre-connected socket would only advance once the request is sent. One turn of the event loop as
  // the first Publish starts lets TCP complete and the TLS ClientHello go out, so the handshake's round
  // trips overlap serialising, endpoint resolution and signing. Only while the pre-connected socket is
  // unclaimed: warm sends never wait.
  client.middlewareStack.add(
    (next) => async (args) => {
      if (agent.hasUnclaimedConnection()) await new Promise<void>((resolve) => setImmediate(resolve));
      return next(args);
    },
    { step: "initialize", priority: "high", name: "preconnectHeadStart" },
  );
  guardPublishAttempts(client);
  return client;
}

function entryFor(settings: SenderSettings): ClientEntry {
  if (current !== undefined && sameClientSettings(current.settings, settings)) return current;
  const previous = current;
  const own: ClientSettings = {
    region: settings.region,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    endpoint: settings.endpoint,
  };
  current = { settings: own, client: createSnsClient(own), inFlight: 0, retired: false };
  if (previous !== undefined) {
    previous.retired = true;
    if (previous.inFlight === 0) previous.client.destroy();
  }
  return current;
}

export interface SnsClientLease {
  client: SNSClient;
  /** Call once the send has settled (its last attempt answered or failed); later calls do nothing. */
  release(): void;
}

/**
 * The shared client for one send: a client replaced while the send is in flight stays open until
 * every send leased on it has released it.
 */
export function leaseSnsClient(settings: SenderSettings): SnsClientLease {
  const entry = entryFor(settings);
  entry.inFlight++;
  let released = false;
  return {
    client: entry.client,
    release: () => {
      if (released) return;
      released = true;
      entry.inFlight--;
      if (entry.retired && entry.inFlight === 0) entry.client.destroy();
    },
  };
}
