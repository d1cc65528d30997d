// The floor's request: a Publish body POSTed with node:https over a keep-alive agent, with headers of
// the sizes the SDK sends (its SigV4 Authorization, dates, hashes, invocation id, user agents).
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:https";

function headersLikeTheSdk(body: string): Record<string, string> {
  const hex64 = "0".repeat(64);
  return {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": String(Buffer.byteLength(body)),
    authorization:
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-2/sns/aws4_request, SignedHeaders=amz-sdk-invocation-id;" +
      `amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=${hex64}`,
    "x-amz-date": "20260101T000000Z",
    "x-amz-content-sha256": hex64,
    "amz-sdk-invocation-id": randomUUID(),
    "amz-sdk-request": "attempt=1; max=3",
    "x-amz-user-agent": "aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js md/nodejs api/sns#3.1169.0 m/E app/auth0-sns-mfa",
    "user-agent": "aws-sdk-js/3.1169.0 ua/2.1 os/linux#6 lang/js md/nodejs#20 api/sns#3.1169.0 m/E app/auth0-sns-mfa",
  };
}

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

/** POSTs `body`; resolves when the whole 200 answer was read, rejects on any other status. */
export function rawPost(agent: Agent, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: headersLikeTheSdk(body) }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`raw POST answered HTTP ${res.statusCode ?? "?"}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}
