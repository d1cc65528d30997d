import { PublishCommand, SNSClient, type PublishCommandInput } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { SendRefusedError, SmsDeliveryError } from "../../hook/send-errors";
import { MAX_LOG_LINE_LENGTH } from "../../hook/send-log";
import { SEND_DEADLINE_MS, sendSms, type SmsRequest } from "../../hook/send-sms";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

const sns = mockClient(SNSClient);
let log: MockInstance<typeof console.log>;

const CODE = "493027";
const TEXT = `${CODE} is your verification code for Example`;

function request(overrides: Partial<SmsRequest> = {}, secrets: Record<string, string> = {}): SmsRequest {
  return {
    trigger: "send-phone-message",
    recipient: NUMBERS.GB,
    text: TEXT,
    voice: false,
    secrets: { ...VALID_SECRETS, ...secrets },
    ...overrides,
  };
}

function published(): PublishCommandInput[] {
  return sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
}

function logLines(): string[] {
  return log.mock.calls.map((args) => String(args[0]));
}

function lastLog(): Record<string, unknown> {
  const line = logLines().at(-1);
  if (line === undefined) throw new Error("nothing was logged");
  return JSON.parse(line) as Record<string, unknown>;
}

async function refusal(req: SmsRequest): Promise<SendRefusedError> {
  const error: unknown = await sendSms(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendRefusedError);
  return error as SendRefusedError;
}

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: "5b1f7c3e-0d7a-4a43-9d2b-7f0c1d2e3f40", $metadata: { attempts: 1 } });
  log = vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  log.mockRestore();
});

describe("an accepted send", () => {
  it("publishes the text to the recipient as a Transactional SMS, and nothing else by default", async () => {
    const sent = await sendSms(request());
    expect(published()).toEqual([
      {
        PhoneNumber: NUMBERS.GB,
        Message: TEXT,
        MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
      },
    ]);
    expect(sent).toMatchObject({ messageId: "5b1f7c3e-0d7a-4a43-9d2b-7f0c1d2e3f40", to: "+44…67", attempts: 1 });
  });

  it("adds sender ID, origination number and max price when their secrets are set", async () => {
    await sendSms(request({}, { SMS_SENDER_ID: "Example", SMS_ORIGINATION_NUMBER: "+12065550100", SMS_MAX_PRICE_USD: "0.50" }));
    expect(published()[0]?.MessageAttributes).toEqual({
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
      "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "Example" },
      "AWS.MM.SMS.OriginationNumber": { DataType: "String", StringValue: "+12065550100" },
      "AWS.SNS.SMS.MaxPrice": { DataType: "Number", StringValue: "0.50" },
    });
  });

  it("logs one line with the masked number, MessageId, attempts and time, and never the code, text or number", async () => {
    const sent = await sendSms(request());
    expect(sent.elapsedMs).toBeLessThan(SEND_DEADLINE_MS);
    expect(lastLog().ms).toBeLessThan(SEND_DEADLINE_MS);
    expect(logLines()).toHaveLength(1);
    const line = logLines()[0] ?? "";
    expect(JSON.parse(line)).toEqual({
      sms: "sent",
      trigger: "send-phone-message",
      to: "+44…67",
      messageId: "5b1f7c3e-0d7a-4a43-9d2b-7f0c1d2e3f40",
      segments: 1,
      encoding: "GSM-7",
      attempts: 1,
      ms: expect.any(Number) as number,
    });
    expect(line).not.toContain(CODE);
    expect(line).not.toContain("verification");
    expect(line).not.toContain(NUMBERS.GB.slice(1));
    expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE_LENGTH);
  });

  it("logs the segments and encoding of what it sent: a curly apostrophe makes a 71-character text two UCS-2 segments", async () => {
    const text = `${CODE} est votre code d’accès`.padEnd(71, ".");
    await sendSms(request({ text }));
    expect(lastLog()).toMatchObject({ sms: "sent", segments: 2, encoding: "UCS-2" });
    expect(logLines()[0]).not.toContain("accès");
  });

  it("reports a success answer without a MessageId as sent (SNS took it), and says so in the log", async () => {
    for (const answer of [{ $metadata: {} }, { MessageId: "", $metadata: {} }]) {
      sns.on(PublishCommand).resolves(answer);
      const sent = await sendSms(request());
      expect(sent).toMatchObject({ messageId: undefined, attempts: 1 });
      expect(lastLog()).toMatchObject({ sms: "sent", reason: "no-message-id", attempts: 1 });
      expect(lastLog()).not.toHaveProperty("messageId");
    }
    expect(published()).toHaveLength(2);
  });
});

describe("refusals send nothing and say why", () => {
  it("names the field of a text with a lone UTF-16 surrogate, or says text when the caller gave none", async () => {
    const lone = "\uD83D is your code";
    expect((await refusal(request({ text: lone, textField: "event.notification.as_text" }))).message).toContain(
      "(event.notification.as_text)",
    );
    expect((await refusal(request({ text: lone }))).message).toContain("The message text (text) holds a lone UTF-16 surrogate");
    expect(published()).toEqual([]);
  });

  it.each([
    ["not E.164", { recipient: "07911 123456" }, "invalid-recipient"],
    ["spaces", { recipient: "+44 7911 123456" }, "invalid-recipient"],
    ["too long", { recipient: "+4479111234567890" }, "invalid-recipient"],
    ["missing", { recipient: undefined }, "invalid-recipient"],
    ["empty text", { text: "" }, "empty-text"],
    ["blank text", { text: "  \n" }, "empty-text"],
    ["no text", { text: undefined }, "empty-text"],
    ["voice", { voice: true }, "voice-not-supported"],
  ] as const)("%s", async (_case, overrides, reason) => {
    const error = await refusal(request(overrides));
    expect(error.reason).toBe(reason);
    expect(published()).toEqual([]);
    expect(lastLog()).toMatchObject({ sms: "refused", reason, error: "SendRefusedError", attempts: 0 });
  });

  it("names a missing secret and sends nothing", async () => {
    const secrets: Record<string, string> = { ...VALID_SECRETS };
    delete secrets.AWS_SECRET_ACCESS_KEY;
    const error = await refusal({ ...request(), secrets });
    expect(error.reason).toBe("missing-secret");
    expect(error.message).toContain("AWS_SECRET_ACCESS_KEY");
    expect(published()).toEqual([]);
  });

  it("names an invalid optional secret and sends nothing", async () => {
    const error = await refusal(request({}, { SMS_MAX_PRICE_USD: "cheap" }));
    expect(error.reason).toBe("invalid-secret");
    expect(error.message).toContain("SMS_MAX_PRICE_USD");
    expect(published()).toEqual([]);
  });

  it("says what is wrong with the recipient, the text or the delivery method", async () => {
    expect((await refusal(request({ recipient: "+44 7911 123456" }))).message).toBe(
      'Recipient (not E.164)…56 is not an E.164 phone number ("+", country code, at most 15 digits)',
    );
    expect((await refusal(request({ text: " " }))).message).toBe("The message text is empty: nothing to send");
    expect((await refusal(request({ voice: true }))).message).toBe(
      "Voice delivery was requested, but Amazon SNS cannot place calls: offer SMS only for this factor",
    );
  });

  it("never puts the whole number in the error or the log", async () => {
    const error = await refusal(request({ recipient: "+44 7911 123456" }));
    expect(error.message).not.toContain("7911");
    expect(logLines().join("\n")).not.toContain("7911");
  });
});

describe("ALLOWED_COUNTRIES", () => {
  it("lets through numbers of listed countries", async () => {
    await sendSms(request({ recipient: NUMBERS.CA }, { ALLOWED_COUNTRIES: "US,CA" }));
    expect(published().map((input) => input.PhoneNumber)).toEqual([NUMBERS.CA]);
    expect(lastLog()).toMatchObject({ sms: "sent", country: "CA" });
  });

  it("refuses +1 876 (Jamaica) when only US and CA are allowed", async () => {
    const error = await refusal(request({ recipient: NUMBERS.JM }, { ALLOWED_COUNTRIES: "US,CA" }));
    expect(error.reason).toBe("country-not-allowed");
    expect(error.message).toBe("Destination country JM is not in ALLOWED_COUNTRIES (US,CA)");
    expect(published()).toEqual([]);
    expect(lastLog()).toMatchObject({ sms: "refused", reason: "country-not-allowed", country: "JM", to: "+1…34" });
  });

  it("shows at most 60 characters of a long list", async () => {
    const list = "AD,AE,AF,AG,AI,AL,AM,AO,AR,AS,AT,AU,AW,AX,AZ,BA,BB,BD,BE,BF,BG,BH,BI,BJ";
    const error = await refusal(request({ recipient: NUMBERS.JM }, { ALLOWED_COUNTRIES: list }));
    expect(error.message).toBe(`Destination country JM is not in ALLOWED_COUNTRIES (${list.slice(0, 60)})`);
  });

  it("refuses a +44 number that belongs to Guernsey when only GB is allowed", async () => {
    expect((await refusal(request({ recipient: NUMBERS.GG }, { ALLOWED_COUNTRIES: "GB" }))).reason).toBe("country-not-allowed");
  });

  it("refuses a number whose country cannot be told while a list is set", async () => {
    const error = await refusal(request({ recipient: NUMBERS.UNASSIGNED_GB }, { ALLOWED_COUNTRIES: "GB" }));
    expect(error.reason).toBe("country-unknown");
    expect(error.message).toBe("The country of recipient +44…23 cannot be told, and ALLOWED_COUNTRIES is set");
    expect(published()).toEqual([]);
  });

  it.each([
    ["+979 international premium rate", "+979123456789"],
    ["+881 satellite", "+8816123456789"],
    ["+882 international networks", "+882345678901"],
    ["+883 international networks", "+883510012345"],
    ["+800 international freephone", "+80012345678"],
  ])("refuses %s by default (country-none), with or without a list", async (_what, number) => {
    for (const secrets of [{}, { ALLOWED_COUNTRIES: "GB,US" }] as Record<string, string>[]) {
      const error = await refusal(request({ recipient: number }, secrets));
      expect(error.reason).toBe("country-none");
      expect(error.message).toContain(`+${number.slice(1, 4)}`);
      expect(error.message).not.toContain(number.slice(1));
      expect(lastLog()).toMatchObject({ sms: "refused", reason: "country-none", attempts: 0 });
    }
    expect(published()).toEqual([]);
  });

  it("sends anywhere, Jamaica included, when no list is set", async () => {
    await sendSms(request({ recipient: NUMBERS.JM }));
    expect(published().map((input) => input.PhoneNumber)).toEqual([NUMBERS.JM]);
    expect(lastLog()).not.toHaveProperty("country");
  });
});

describe("the SNS client", () => {
  function clientsUsed(): unknown[] {
    return sns.calls().map((call) => call.thisValue as unknown);
  }

  it("is created once and reused while the secrets stay the same", async () => {
    await sendSms(request({}, { AWS_REGION: "us-west-2" }));
    await sendSms(request({ recipient: NUMBERS.US }, { AWS_REGION: "us-west-2" }));
    const [first, second] = clientsUsed();
    expect(first).toBeInstanceOf(SNSClient);
    expect(second).toBe(first);
  });

  it("names itself in the User-Agent (for CloudTrail) and takes nothing from ~/.aws files or AWS_* variables", async () => {
    const previous = process.env.AWS_SDK_UA_APP_ID;
    process.env.AWS_SDK_UA_APP_ID = "from-environment";
    try {
      await sendSms(request({}, { AWS_REGION: "ap-south-1" }));
    } finally {
      if (previous === undefined) delete process.env.AWS_SDK_UA_APP_ID;
      else process.env.AWS_SDK_UA_APP_ID = previous;
    }
    const client = clientsUsed()[0] as SNSClient;
    expect(await client.config.userAgentAppId()).toBe("auth0-sns-mfa");
    expect(await client.config.maxAttempts()).toBe(3);
  });

  it("is replaced, and the old one closed, when the access key is rotated", async () => {
    const destroy = vi.spyOn(SNSClient.prototype, "destroy");
    await sendSms(request({}, { AWS_REGION: "us-west-2" }));
    const rotated = {
      AWS_REGION: "us-west-2",
      AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    };
    await sendSms(request({}, rotated));
    const [before, after] = clientsUsed() as SNSClient[];
    expect(after).not.toBe(before);
    expect(destroy.mock.contexts).toContain(before);
    expect(await after?.config.credentials()).toMatchObject({ accessKeyId: "AKIAI44QH8DHBEXAMPLE" });
    destroy.mockRestore();
  });

  it("is replaced when only the key id or only the secret key changes (a corrected paste takes effect)", async () => {
    await sendSms(request({}, { AWS_REGION: "us-west-2" }));
    await sendSms(request({}, { AWS_REGION: "us-west-2", AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE" }));
    await sendSms(
      request(
        {},
        {
          AWS_REGION: "us-west-2",
          AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE",
          AWS_SECRET_ACCESS_KEY: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        },
      ),
    );
    expect(new Set(clientsUsed()).size).toBe(3);
  });

  it("sends in a partition whose host names it does not know (China), opening nothing ahead", async () => {
    await expect(sendSms(request({}, { AWS_REGION: "cn-north-1" }))).resolves.toMatchObject({ attempts: 1 });
  });

  it("is replaced when the region or the endpoint changes", async () => {
    await sendSms(request({}, { AWS_REGION: "us-east-1" }));
    await sendSms(request({}, { AWS_REGION: "eu-central-1" }));
    await sendSms(request({}, { AWS_REGION: "eu-central-1", SNS_ENDPOINT: "http://127.0.0.1:4566" }));
    const [a, b, c] = clientsUsed() as SNSClient[];
    expect(new Set([a, b, c]).size).toBe(3);
    expect(await b?.config.region()).toBe("eu-central-1");
    const endpoint = await c?.config.endpoint?.();
    expect(endpoint?.hostname).toBe("127.0.0.1");
    expect(endpoint?.port).toBe(4566);
  });
});

describe("SNS failures", () => {
  function snsError(name: string, message: string, httpStatusCode: number, attempts: number): Error {
    return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts } });
  }

  it("fail the send with the SDK's error class and status, without the number SNS quoted", async () => {
    sns
      .on(PublishCommand)
      .rejects(
        snsError("InvalidParameterException", "Invalid parameter: PhoneNumber Reason: +442071234567 is not valid to publish", 400, 1),
      );
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ reason: "sns-error", errorClass: "InvalidParameterException", httpStatus: 400, attempts: 1 });
    const message = (error as Error).message;
    expect(message).toContain("InvalidParameterException (HTTP 400)");
    expect(message).not.toContain("2071234567");
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "sns-error", error: "InvalidParameterException", http: 400, attempts: 1 });
  });

  it("report how many attempts the SDK made before giving up", async () => {
    sns.on(PublishCommand).rejects(snsError("ThrottledException", "Rate exceeded", 429, 3));
    await expect(sendSms(request())).rejects.toMatchObject({
      reason: "throttled",
      errorClass: "ThrottledException",
      attempts: 3,
      message: expect.stringMatching(/^SNS throttled the SMS: ThrottledException \(HTTP 429\) after 3 attempt\(s\)/) as string,
    });
    expect(lastLog()).toMatchObject({ error: "ThrottledException", attempts: 3 });
  });

  it("say the public SNS endpoint of AWS_REGION could not be reached when the SDK found no host", async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("getaddrinfo ENOTFOUND sns.eu-west-2.amazonaws.com"), { code: "ENOTFOUND" }));
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "unreachable", errorClass: "ENOTFOUND", mayHaveBeenSent: false });
    expect((error as Error).message).toBe(
      "SNS was unreachable at the public SNS endpoint of AWS_REGION eu-west-2: ENOTFOUND after 1 attempt(s), nothing was sent; " +
        "check SNS_ENDPOINT/AWS_REGION and the network (DNS, firewall, TLS trust): getaddrinfo ENOTFOUND sns.eu-west-2.amazonaws.com",
    );
  });

  it("say which SNS_ENDPOINT could not be reached (its origin only)", async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" }));
    const error: unknown = await sendSms(request({}, { SNS_ENDPOINT: "http://127.0.0.1:4566/some/path" })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^SNS was unreachable at SNS_ENDPOINT http:\/\/127\.0\.0\.1:4566: ECONNREFUSED after/);
  });

  it("quote at most 200 characters of what SNS said", async () => {
    sns.on(PublishCommand).rejects(
      Object.assign(new Error(`Invalid parameter: ${"x".repeat(400)}`), {
        name: "InvalidParameterException",
        $metadata: { httpStatusCode: 400, attempts: 1 },
      }),
    );
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `SNS refused the SMS: InvalidParameterException (HTTP 400) after 1 attempt(s): Invalid parameter: ${"x".repeat(200 - "Invalid parameter: ".length)}`,
    );
  });

  it.each(["TimeoutError", "AbortError"])("count an SDK %s without a connection error code as a timeout", async (name) => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("request timed out"), { name }));
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "timeout", errorClass: name });
    expect((error as SmsDeliveryError).elapsedMs).toBeLessThan(SEND_DEADLINE_MS);
    expect((error as Error).message).toMatch(
      new RegExp(`^SNS did not answer in time \\(${name} after 1 attempt\\(s\\), \\d+ ms; deadline ${SEND_DEADLINE_MS} ms\\)$`),
    );
  });

  it("report any other failure before SNS answered as unexpected, with the error's class and scrubbed message", async () => {
    sns.on(PublishCommand).rejects(new RangeError("bad input for +442071234567"));
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "unexpected", errorClass: "RangeError" });
    expect((error as Error).message).toBe("The sender failed before SNS answered: RangeError: bad input for [number]");
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "unexpected", error: "RangeError" });
    expect(lastLog().ms).toBeLessThan(SEND_DEADLINE_MS);
  });

  it("name an SDK failure without a class or message as Error", async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error(), { name: undefined, message: undefined }));
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect((error as Error).message).toBe("The sender failed before SNS answered: Error: ");
  });

  it("count a success answer whose body could not be read as sent once, even when the SDK gives no attempt count", async () => {
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error("unreadable body"), { name: "SyntaxError", $metadata: { httpStatusCode: 200 } }));
    await expect(sendSms(request())).resolves.toMatchObject({ messageId: undefined, attempts: 1 });
    expect(lastLog()).toMatchObject({ sms: "sent", reason: "no-message-id", attempts: 1 });
  });

  it.each([
    ["a socket timeout the SDK names TimeoutError", { name: "TimeoutError", code: "ETIMEDOUT" }, "timeout", "TimeoutError"],
    ["a reset the SDK names TimeoutError", { name: "TimeoutError", code: "ECONNRESET" }, "connection-lost", "ECONNRESET"],
    ["an error whose code is not a string", { name: "Error", code: 42 }, "unexpected", "Error"],
    [
      "an untrusted certificate",
      { name: "Error", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" },
      "unreachable",
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    ],
  ])("tell %s by its code", async (_case, fields, reason, errorClass) => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("failed"), fields));
    await expect(sendSms(request())).rejects.toMatchObject({ reason, errorClass });
  });

  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EADDRNOTAVAIL",
    "EPROTO",
    "CERT_HAS_EXPIRED",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ERR_SSL_WRONG_VERSION_NUMBER",
    "HOSTNAME_MISMATCH",
  ])("count %s as SNS never reached: nothing was sent", async (code) => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("no connection"), { code }));
    await expect(sendSms(request())).rejects.toMatchObject({ reason: "unreachable", errorClass: code, mayHaveBeenSent: false });
  });

  it.each(["XECONNREFUSED", "ECONNREFUSEDX", "CERT_", "ERR_TLS_"])("does not count %s as unreachable", async (code) => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("odd failure"), { code }));
    await expect(sendSms(request())).rejects.not.toMatchObject({ reason: "unreachable" });
  });

  it.each([199, 300])("count an answer with status %i as refused, not as sent", async (status) => {
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error("unexpected answer"), { name: "UnknownError", $metadata: { httpStatusCode: status } }));
    await expect(sendSms(request())).rejects.toMatchObject({ reason: "sns-error", httpStatus: status });
  });

  it("log and rethrow a failure of the sender itself, naming only its class", async () => {
    const throwing = (thrown: unknown) =>
      new Proxy(
        {},
        {
          get: () => {
            throw thrown;
          },
        },
      );
    const bug = new TypeError("secrets unreadable");
    await expect(sendSms(request({ secrets: throwing(bug) }))).rejects.toBe(bug);
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "unexpected", error: "TypeError", attempts: 0 });
    await expect(sendSms(request({ secrets: throwing("not an Error") }))).rejects.toBe("not an Error");
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "unexpected", error: "UnexpectedError", attempts: 0 });
  });

  it("give up with a timeout error inside 5 s when SNS never answers", async () => {
    sns.on(PublishCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ name: "SmsDeliveryError", reason: "timeout" });
    expect((error as Error).message).toContain(`deadline ${SEND_DEADLINE_MS} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(SEND_DEADLINE_MS - 50);
    expect(elapsed).toBeLessThan(5_000);
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "timeout" });
  }, 10_000);
});
