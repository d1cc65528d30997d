// A local SNS-compatible endpoint on 127.0.0.1 that the real @aws-sdk/client-sns talks to.
// It understands Publish in both wire protocols an SNS client may use: the AWS Query protocol
// (form-encoded POST, XML answers), which @aws-sdk/client-sns 3.1169.0 sends, and AWS JSON 1.0
// with X-Amz-Target "AmazonSimpleNotificationService.Publish", in case a later SDK moves SNS to it
// the way it moved SQS. Tests inject faults (failNext), hang the endpoint (stall), slow its answers
// (slow), reset the connection right after a 200 status line (resetAfterStatus), and read back what
// arrived (publishes, the request log `requests`, requestCount, connectionCount, openConnections, actions,
// and every request of an extra action with its parameters, `actionRequests`).
// Other actions, of SNS or of another AWS service that speaks the same protocols (STS and IAM: Query;
// End User Messaging SMS: JSON 1.0 with X-Amz-Target "PinpointSMSVoiceV2.<Action>"), are answered by
// the `actions` a test passes in, so one endpoint code stands in for each service a tool calls.
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createSelfSignedCertificate } from "./self-signed-certificate";

export interface PublishCall {
  phoneNumber?: string;
  message?: string;
  /** Message attributes by name → StringValue (e.g. "AWS.SNS.SMS.SMSType" → "Transactional"). */
  attributes: Record<string, string>;
  /** Every request parameter as sent (Query names such as "MessageAttributes.entry.1.Name"). */
  params: Record<string, string>;
  /** The Authorization header (SigV4: "AWS4-HMAC-SHA256 Credential=AKID/date/region/sns/aws4_request, ..."). */
  authorization?: string;
  /** The MessageId the endpoint answered with (what the sender should log). */
  messageId?: string;
}

export interface EndpointFault {
  status: number;
  code: string;
  message: string;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

/** What the endpoint did with a request. */
export type RequestHandling = "published" | "fault" | "stalled" | "reset" | "reset-after-status";

/** One entry of the request log, in arrival order (a request is logged once its body is read). */
export interface RequestRecord {
  /** Milliseconds since the endpoint started. */
  at: number;
  action: string;
  phoneNumber?: string;
  /** The access key id of the SigV4 Credential the request was signed with. */
  accessKeyId?: string;
  handling: RequestHandling;
  /** For "published" and "reset-after-status": the MessageId SNS gave the message it took. */
  messageId?: string;
}

/** What an extra action answers: the inner XML of `<{Action}Result>` (Query), a JSON body, or a fault. */
export type LocalActionAnswer = { xml: string } | { json: unknown } | { fault: EndpointFault };

/** A received request of an extra action: Query parameters, or the JSON body's top-level members. */
export interface LocalActionRequest {
  action: string;
  params: Record<string, string>;
  input: Record<string, unknown>;
  /** The access key id of the SigV4 Credential the request was signed with. */
  accessKeyId?: string;
}

export type LocalAction = (request: LocalActionRequest) => LocalActionAnswer;

export interface LocalSnsEndpoint {
  /** http://127.0.0.1:PORT or https://127.0.0.1:PORT */
  url: string;
  /** PEM of the self-signed certificate when tls is on; clients must trust it explicitly. */
  caPem?: string;
  /**
   * Publish calls the endpoint took (as SNS would: one SMS each), in order, those whose answer was
   * reset after the 200 status line included.
   */
  publishes: PublishCall[];
  /** Every request, faulted, stalled and reset ones included. */
  requests: RequestRecord[];
  /** Connections open right now. */
  readonly openConnections: number;
  /** Every HTTP request received, faulted, refused and stalled ones included. */
  requestCount: number;
  /** TCP connections accepted (TLS: completed TLS handshakes). */
  connectionCount: number;
  /** The action of every request that named one (Query `Action`, or the JSON target after its prefix), in order. */
  actions: string[];
  /** Every signed request of an extra action (see LocalSnsEndpointOptions.actions), with what it carried, in order. */
  actionRequests: LocalActionRequest[];
  /** Answer the next `times` requests (default 1, Infinity allowed) with this fault. */
  failNext(fault: EndpointFault, times?: number): void;
  /** While on, requests are read but never answered. */
  stall(on: boolean): void;
  /** Answer every request this many milliseconds after reading it (0: at once). */
  slow(ms: number): void;
  /**
   * The next `times` Publish calls that would be accepted are taken (logged in `publishes`), then the
   * connection is reset after the 200 status line and part of the body.
   */
  resetAfterStatus(times?: number): void;
  /** The next `times` requests are read, then their connection is reset without an answer. */
  resetBeforeAnswer(times?: number): void;
  /** Stops listening and destroys every open socket, stalled ones included. */
  close(): Promise<void>;
}

export interface LocalSnsEndpointOptions {
  /** Serve HTTPS with a fresh self-signed certificate for 127.0.0.1 / localhost (see caPem). */
  tls?: boolean;
  /**
   * Answers for actions other than Publish, by Query action name ("GetCallerIdentity") or by JSON
   * target ("PinpointSMSVoiceV2.DescribeSpendLimits"). Unsigned requests are refused first, as AWS does.
   */
  actions?: Readonly<Record<string, LocalAction>>;
  /** The xmlns of Query answers (default SNS's; STS and IAM have their own). */
  xmlNamespace?: string;
}

const SNS_XML_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
const JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
const JSON_TARGET_PREFIX = "AmazonSimpleNotificationService.";
const E164 = /^\+[1-9]\d{1,14}$/;

type WireProtocol = "query" | "json";

interface SnsRequest {
  protocol: WireProtocol;
  action: string;
  publish: PublishCall;
  /** The JSON body's members (JSON protocol); empty for Query. */
  input: Record<string, unknown>;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The Query parameters of a form-encoded body, MessageAttributes.entry.N folded into attributes. */
export function parseQueryPublish(body: string, authorization: string | undefined): SnsRequest {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  const attributes: Record<string, string> = {};
  for (const [key, name] of Object.entries(params)) {
    const entry = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
    const value = entry && params[`MessageAttributes.entry.${entry[1] ?? ""}.Value.StringValue`];
    if (value !== undefined && value !== null) attributes[name] = value;
  }
  return {
    protocol: "query",
    action: params.Action ?? "",
    publish: { phoneNumber: params.PhoneNumber, message: params.Message, attributes, params, authorization },
    input: {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The same, from an AWS JSON 1.0 body; params holds the top-level string members. */
export function parseJsonPublish(body: string, target: string, authorization: string | undefined): SnsRequest {
  const parsed: unknown = body.length > 0 ? JSON.parse(body) : {};
  const input = isRecord(parsed) ? parsed : {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) if (typeof value === "string") params[key] = value;
  const attributes: Record<string, string> = {};
  if (isRecord(input.MessageAttributes)) {
    for (const [name, value] of Object.entries(input.MessageAttributes)) {
      if (isRecord(value) && typeof value.StringValue === "string") attributes[name] = value.StringValue;
    }
  }
  return {
    protocol: "json",
    action: target.startsWith(JSON_TARGET_PREFIX) ? target.slice(JSON_TARGET_PREFIX.length) : target,
    publish: { phoneNumber: params.PhoneNumber, message: params.Message, attributes, params, authorization },
    input,
  };
}

/** The fault real SNS would answer for this request, or undefined when it would accept it. */
export function validatePublish(request: SnsRequest): EndpointFault | undefined {
  const { action, publish } = request;
  if (!publish.authorization) {
    return { status: 403, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token" };
  }
  if (action !== "Publish") {
    return { status: 400, code: "InvalidAction", message: `The action ${action || "(none)"} is not valid for this endpoint.` };
  }
  if (publish.message === undefined || publish.message === "") {
    return { status: 400, code: "InvalidParameter", message: "Invalid parameter: Empty message" };
  }
  if (publish.phoneNumber === undefined) {
    return { status: 400, code: "InvalidParameter", message: "Invalid parameter: PhoneNumber or TargetArn or TopicArn" };
  }
  if (!E164.test(publish.phoneNumber)) {
    // Real SNS echoes the number here; a sender must not log this message as is.
    return {
      status: 400,
      code: "InvalidParameter",
      message: `Invalid parameter: PhoneNumber Reason: ${publish.phoneNumber} is not valid to publish to`,
    };
  }
  return undefined;
}

function accessKeyIdOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /Credential=([^/]+)\//.exec(authorization)?.[1];
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

function answerFault(res: ServerResponse, protocol: WireProtocol, fault: EndpointFault, xmlNamespace = SNS_XML_NAMESPACE): void {
  const requestId = randomUUID();
  const type = fault.status >= 500 ? "Receiver" : "Sender";
  if (protocol === "json") {
    const body = JSON.stringify({ __type: `com.amazonaws.sns#${fault.code}`, message: fault.message });
    send(res, fault.status, JSON_CONTENT_TYPE, body, {
      "x-amzn-requestid": requestId,
      "x-amzn-query-error": `${fault.code};${type}`,
      ...fault.headers,
    });
    return;
  }
  const body =
    `<ErrorResponse xmlns="${xmlNamespace}"><Error><Type>${type}</Type><Code>${escapeXml(fault.code)}</Code>` +
    `<Message>${escapeXml(fault.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  send(res, fault.status, "text/xml", body, { "x-amzn-requestid": requestId, ...fault.headers });
}

function publishAnswer(protocol: WireProtocol, messageId: string): { contentType: string; body: string } {
  const requestId = randomUUID();
  if (protocol === "json") return { contentType: JSON_CONTENT_TYPE, body: JSON.stringify({ MessageId: messageId }) };
  const body =
    `<PublishResponse xmlns="${SNS_XML_NAMESPACE}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`;
  return { contentType: "text/xml", body };
}

function answerPublish(res: ServerResponse, protocol: WireProtocol, messageId: string): void {
  const { contentType, body } = publishAnswer(protocol, messageId);
  send(res, 200, contentType, body, { "x-amzn-requestid": randomUUID() });
}

/** A 200 status line, headers and half the body, then a reset connection. */
function answerPublishThenReset(res: ServerResponse, protocol: WireProtocol, messageId: string): void {
  const { contentType, body } = publishAnswer(protocol, messageId);
  res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body), "x-amzn-requestid": randomUUID() });
  res.write(body.slice(0, Math.floor(body.length / 2)), () => {
    res.socket?.resetAndDestroy();
  });
}

function answerAction(res: ServerResponse, protocol: WireProtocol, action: string, answer: LocalActionAnswer, xmlNamespace: string): void {
  if ("fault" in answer) {
    answerFault(res, protocol, answer.fault, xmlNamespace);
    return;
  }
  const requestId = randomUUID();
  if ("json" in answer) {
    send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(answer.json), { "x-amzn-requestid": requestId });
    return;
  }
  const body =
    `<${action}Response xmlns="${xmlNamespace}"><${action}Result>${answer.xml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  send(res, 200, "text/xml", body, { "x-amzn-requestid": requestId });
}

/** Escapes text for an XML answer of an extra action. */
export function xmlText(text: string): string {
  return escapeXml(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function checkTimes(times: number): void {
  if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
    throw new Error(`failNext: times must be a whole number ≥ 1 or Infinity, got ${String(times)}`);
  }
}

export async function startLocalSnsEndpoint(options: LocalSnsEndpointOptions = {}): Promise<LocalSnsEndpoint> {
  const sockets = new Set<Socket>();
  const faults: { fault: EndpointFault; remaining: number }[] = [];
  let stalled = false;
  const xmlNamespace = options.xmlNamespace ?? SNS_XML_NAMESPACE;
  let answerDelayMs = 0;
  let resetsLeft = 0;
  let earlyResetsLeft = 0;
  const startedAt = performance.now();

  function logRequest(record: Omit<RequestRecord, "at">): void {
    endpoint.requests.push({ at: Math.round(performance.now() - startedAt), ...record });
  }

  function nextFault(): EndpointFault | undefined {
    const head = faults[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    endpoint.requestCount += 1;
    const authorization = req.headers.authorization;
    const target = req.headers["x-amz-target"];
    const isJson = typeof target === "string" && (target.startsWith(JSON_TARGET_PREFIX) || options.actions?.[target] !== undefined);
    const protocol: WireProtocol = isJson ? "json" : "query";
    const seen = {
      action: isJson ? target.replace(JSON_TARGET_PREFIX, "") : (new URLSearchParams(body).get("Action") ?? ""),
      accessKeyId: accessKeyIdOf(authorization),
    };
    const phoneNumber = isJson ? undefined : (new URLSearchParams(body).get("PhoneNumber") ?? undefined);
    if (stalled) {
      logRequest({ ...seen, phoneNumber, handling: "stalled" });
      return; // read, never answered; close() destroys the socket
    }
    if (earlyResetsLeft > 0) {
      earlyResetsLeft -= 1;
      logRequest({ ...seen, phoneNumber, handling: "reset" });
      req.socket.resetAndDestroy();
      return;
    }
    if (answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    const injected = nextFault();
    if (injected) {
      logRequest({ ...seen, phoneNumber, handling: "fault" });
      answerFault(res, protocol, injected, xmlNamespace);
      return;
    }
    if (req.method !== "POST") {
      answerFault(
        res,
        protocol,
        { status: 405, code: "MethodNotAllowed", message: `Method ${req.method ?? ""} is not allowed; SNS takes POST` },
        xmlNamespace,
      );
      return;
    }
    let request: SnsRequest;
    try {
      request = isJson ? parseJsonPublish(body, target, authorization) : parseQueryPublish(body, authorization);
    } catch {
      answerFault(res, protocol, { status: 400, code: "SerializationException", message: "Request body is not valid JSON" });
      return;
    }
    if (request.action !== "") endpoint.actions.push(request.action);
    const extra = options.actions?.[request.action];
    if (extra !== undefined) {
      const received: LocalActionRequest = {
        action: request.action,
        params: request.publish.params,
        input: request.input,
        accessKeyId: seen.accessKeyId,
      };
      if (authorization) endpoint.actionRequests.push(received);
      const answer: LocalActionAnswer = authorization
        ? extra(received)
        : { fault: { status: 403, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token" } };
      answerAction(res, protocol, request.action, answer, xmlNamespace);
      return;
    }
    const refusal = validatePublish(request);
    if (refusal) {
      logRequest({ ...seen, phoneNumber: request.publish.phoneNumber, handling: "fault" });
      answerFault(res, protocol, refusal, xmlNamespace);
      return;
    }
    const messageId = randomUUID();
    endpoint.publishes.push({ ...request.publish, messageId });
    if (resetsLeft > 0) {
      resetsLeft -= 1;
      logRequest({ ...seen, phoneNumber: request.publish.phoneNumber, handling: "reset-after-status", messageId });
      answerPublishThenReset(res, protocol, messageId);
      return;
    }
    logRequest({ ...seen, phoneNumber: request.publish.phoneNumber, handling: "published", messageId });
    answerPublish(res, protocol, messageId);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answerFault(res, "query", { status: 500, code: "InternalError", message: String(error) });
    });
  }

  const certificate = options.tls ? createSelfSignedCertificate() : undefined;
  const server: Server = certificate
    ? createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem }, onRequest)
    : createHttpServer(onRequest);
  // SNS keeps idle connections open for a while; Node's 5 s default would make "one connection" flaky.
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (!certificate) endpoint.connectionCount += 1;
  });
  if (certificate) server.on("secureConnection", () => (endpoint.connectionCount += 1));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const endpoint: LocalSnsEndpoint = {
    url: `${certificate ? "https" : "http"}://127.0.0.1:${port}`,
    caPem: certificate?.certPem,
    publishes: [],
    requests: [],
    get openConnections(): number {
      return sockets.size;
    },
    requestCount: 0,
    connectionCount: 0,
    actions: [],
    actionRequests: [],
    failNext(fault: EndpointFault, times = 1): void {
      checkTimes(times);
      faults.push({ fault, remaining: times });
    },
    stall(on: boolean): void {
      stalled = on;
    },
    slow(ms: number): void {
      answerDelayMs = ms;
    },
    resetAfterStatus(times = 1): void {
      checkTimes(times);
      resetsLeft += times;
    },
    resetBeforeAnswer(times = 1): void {
      checkTimes(times);
      earlyResetsLeft += times;
    },
    close(): Promise<void> {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return endpoint;
}
