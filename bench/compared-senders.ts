// The SMS senders the bench compares, each loaded the way it runs in production and sending the same
// SMS to the bench's endpoint:
// - action: the project's built send-phone-message Action (handler called with a realistic event);
// - sdk: a bare SDK v3 sender, an `SNSClient` and a `PublishCommand` with nothing else configured, the
//   floor any sender built on @aws-sdk/client-sns can reach;
// - guide-v2: the original guide's hook (aws-sdk v2, a new AWS.SNS per SMS, as the guide writes it).
//   aws-sdk v2 is NOT a project dependency (end of support, ~100 MB): it is loaded from the folder given
//   with --aws-sdk-v2 (e.g. after `npm install --prefix /tmp/aws-sdk-v2 aws-sdk@2`).
import { createRequire } from "node:module";
import path from "node:path";
import { BENCH_ENV, requiredEnv } from "./bench-protocol";
import { BENCH_RECIPIENT, benchExecution, benchSenderSettings, handlerOf } from "./bench-event";

export const COMPARED_SENDERS = ["action", "sdk", "guide-v2"] as const;
export type ComparedSender = (typeof COMPARED_SENDERS)[number];

/** Sends one SMS; resolves once the endpoint accepted it. */
export type Send = () => Promise<unknown>;

const SMS_TYPE = { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } };

interface AwsSdkV2 {
  SNS: new (options: object) => { publish(params: object): { promise(): Promise<{ MessageId?: string }> } };
  Credentials: new (accessKeyId: string, secretAccessKey: string) => object;
}

function loadAction(): Send {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the built Action as Auth0 would
  const handler = handlerOf(require(requiredEnv(BENCH_ENV.actionFile)));
  return () => {
    const { event, api } = benchExecution();
    return handler(event, api);
  };
}

function loadBareSdk(): Send {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required here so a cold start times it
  const { SNSClient, PublishCommand } = require("@aws-sdk/client-sns") as typeof import("@aws-sdk/client-sns");
  const settings = benchSenderSettings(requiredEnv(BENCH_ENV.endpoint));
  let client: InstanceType<typeof SNSClient> | undefined;
  return () => {
    client ??= new SNSClient({
      region: settings.region,
      endpoint: settings.endpoint,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
    const { event } = benchExecution();
    return client.send(
      new PublishCommand({ PhoneNumber: BENCH_RECIPIENT, Message: event.message_options.text, MessageAttributes: SMS_TYPE }),
    );
  };
}

function loadGuideHookV2(): Send {
  const requireFromV2 = createRequire(path.join(requiredEnv(BENCH_ENV.awsSdkV2Dir), "package.json"));
  const AWS = requireFromV2("aws-sdk") as AwsSdkV2;
  const endpoint = requiredEnv(BENCH_ENV.endpoint);
  const settings = benchSenderSettings(endpoint);
  return async () => {
    // As in the guide (a client per SMS), plus `endpoint` to reach the bench's endpoint.
    const awsSNS = new AWS.SNS({
      apiVersion: "2010-03-31",
      region: settings.region,
      endpoint,
      credentials: new AWS.Credentials(settings.accessKeyId, settings.secretAccessKey),
    });
    const { event } = benchExecution();
    const result = await awsSNS.publish({ Message: event.message_options.text, PhoneNumber: BENCH_RECIPIENT }).promise();
    if (typeof result.MessageId !== "string") throw new Error("aws-sdk v2 got no MessageId");
    return result;
  };
}

/** Loads a sender's code (the part a cold start's `require` time measures) and returns its send. */
export function loadSender(sender: ComparedSender): Send {
  switch (sender) {
    case "action":
      return loadAction();
    case "sdk":
      return loadBareSdk();
    case "guide-v2":
      return loadGuideHookV2();
  }
}

/** The sender named by BENCH_SENDER (default: the Action); an error names an unknown one. */
export function senderFromEnv(): ComparedSender {
  const value = process.env[BENCH_ENV.sender] ?? "action";
  if (!(COMPARED_SENDERS as readonly string[]).includes(value))
    throw new Error(`${BENCH_ENV.sender} must be one of ${COMPARED_SENDERS.join(", ")}, got ${JSON.stringify(value)}`);
  return value as ComparedSender;
}
