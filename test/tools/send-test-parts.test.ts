/** The pure parts of send-test: choosing the secrets source, reading a stack, classifying outcomes. */
import { describe, expect, it } from "vitest";
import { failureOutcome, OUTCOME_GUIDE } from "../../tools/send-outcome";
import { maskAccessKeyId, messageIdFromLog, triggerFor } from "../../tools/send-test";
import { chooseSecretsSource, secretsFromEnvironment, secretsFromStack } from "../../tools/send-test-secrets";

describe("choosing where the secrets come from", () => {
  it.each([
    [{ stackGiven: true, noPulumi: false, cliPresent: true }, "pulumi"],
    [{ stackGiven: true, noPulumi: false, cliPresent: false }, "environment"],
    [{ stackGiven: true, noPulumi: true, cliPresent: true }, "environment"],
    [{ stackGiven: false, noPulumi: false, cliPresent: true }, "environment"],
  ])("%j → %s", (choice, source) => {
    expect(chooseSecretsSource(choice)).toBe(source);
  });
});

describe("reading a deployed stack", () => {
  const outputs = JSON.stringify({
    accessKeyId: "AKIAOUTPUT0000000001",
    senderSecretAccessKey: "s3cr3t",
    region: "us-east-1",
    allowedCountries: ["US", "CA"],
    phoneExperience: "classic",
  });

  it("gives the Action the secrets pulumi up gave it", () => {
    const config = JSON.stringify({
      "aws:region": { value: "us-east-1", secret: false },
      "auth0-sns-mfa:originationNumber": { value: "+12065550100", secret: false },
      "auth0-sns-mfa:maxPriceUsd": { value: "0.50", secret: false },
      "auth0-sns-mfa:senderId": { value: "", secret: false },
    });
    expect(secretsFromStack(outputs, config, "prod")).toEqual({
      secrets: {
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIAOUTPUT0000000001",
        AWS_SECRET_ACCESS_KEY: "s3cr3t",
        ALLOWED_COUNTRIES: "US,CA",
        SMS_ORIGINATION_NUMBER: "+12065550100",
        SMS_MAX_PRICE_USD: "0.50",
      },
      phoneExperience: "classic",
    });
  });

  it("names a missing output and says to deploy first", () => {
    const noSecret = JSON.stringify({ accessKeyId: "AKIAOUTPUT0000000001", region: "us-east-1" });
    expect(() => secretsFromStack(noSecret, "{}", "dev")).toThrow(
      /Stack output senderSecretAccessKey of stack dev is missing: run `pulumi up --stack dev` first/,
    );
  });

  it("refuses output that is not JSON, naming the command", () => {
    expect(() => secretsFromStack("warning: ...", "{}", "dev")).toThrow(/pulumi stack output --json --stack dev did not print JSON/);
  });
});

describe("reading the environment", () => {
  it("names each missing variable and the reason the environment is used", () => {
    expect(() => secretsFromEnvironment({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "x" }, "no --stack was given")).toThrow(
      /Environment variable AWS_REGION is not set \(no --stack was given\)/,
    );
  });

  it("keeps the optional sender settings that are set", () => {
    const secrets = secretsFromEnvironment(
      { AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "x", AWS_REGION: "eu-west-1", ALLOWED_COUNTRIES: " GB ", SMS_SENDER_ID: "" },
      "test",
    );
    expect(secrets).toEqual({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "x", AWS_REGION: "eu-west-1", ALLOWED_COUNTRIES: "GB" });
  });
});

describe("classifying what the Action threw", () => {
  const delivery = (errorClass: string, message: string, httpStatus = 400): unknown =>
    Object.assign(new Error(message), { name: "SmsDeliveryError", reason: "sns-error", errorClass, httpStatus });
  const refusal = (reason: string): unknown => Object.assign(new Error("refused"), { name: "SendRefusedError", reason });

  it.each([
    [refusal("invalid-recipient"), "not-e164"],
    [refusal("country-not-allowed"), "country-not-allowed"],
    [refusal("country-unknown"), "country-unknown"],
    [refusal("missing-secret"), "bad-configuration"],
    [refusal("invalid-secret"), "bad-configuration"],
    [Object.assign(new Error("late"), { name: "SmsDeliveryError", reason: "timeout", errorClass: "TimeoutError" }), "timeout"],
    [delivery("AuthorizationErrorException", "... SMS sandbox ... not verified", 403), "sandbox"],
    [delivery("AuthorizationErrorException", "User is not authorized to perform: SNS:Publish", 403), "not-authorized"],
    [delivery("OptedOutException", "Phone number is opted out"), "opted-out"],
    [delivery("InvalidParameterException", "Invalid parameter: PhoneNumber Reason: [number] is not valid"), "invalid-number"],
    [delivery("InvalidParameterException", "Invalid parameter: MessageAttributes"), "invalid-parameter"],
    [delivery("InvalidClientTokenId", "The security token included in the request is invalid.", 403), "credentials-rejected"],
    [delivery("UnrecognizedClientException", "The security token included in the request is invalid.", 400), "credentials-rejected"],
    [delivery("SignatureDoesNotMatch", "signature mismatch", 403), "credentials-rejected"],
    [delivery("ThrottledException", "Rate exceeded", 429), "throttled"],
    [delivery("InternalErrorException", "oops", 500), "sns-unavailable"],
    [delivery("ServiceUnavailable", "busy", 503), "sns-unavailable"],
    [delivery("ECONNREFUSED", "connect ECONNREFUSED [number]:443"), "unreachable"],
    [delivery("ENOTFOUND", "getaddrinfo ENOTFOUND sns.xx-nowhere-1.amazonaws.com"), "unreachable"],
    [delivery("KMSDisabledException", "kms"), "sns-error"],
    [new TypeError("x is not a function"), "unexpected"],
  ])("%s → %s, with a next step", (thrown, reason) => {
    const outcome = failureOutcome(thrown);
    expect(outcome.ok).toBe(false);
    expect(outcome.reason).toBe(reason);
    expect(outcome.next).toBe(OUTCOME_GUIDE[outcome.reason].next);
  });

  it("keeps phone numbers out of an unexpected error's detail", () => {
    expect(failureOutcome(new Error("cannot text +14155550123 now")).detail).toBe("Error: cannot text [number] now");
  });
});

describe("small helpers", () => {
  it("masks access key ids", () => {
    expect(maskAccessKeyId("AKIAIOSFODNN7EXAMPLE")).toBe("AKIA…MPLE");
    expect(maskAccessKeyId("short")).toBe("…");
  });

  it("picks the Action for the stack's phone experience unless told", () => {
    expect(triggerFor(undefined, "unified")).toBe("custom-phone-provider");
    expect(triggerFor(undefined, "classic")).toBe("send-phone-message");
    expect(triggerFor(undefined, undefined)).toBe("send-phone-message");
    expect(triggerFor("custom-phone-provider", "classic")).toBe("custom-phone-provider");
  });

  it("reads the MessageId from the sender's log line only", () => {
    expect(messageIdFromLog(["not json", '{"sms":"failed","messageId":"x"}', '{"sms":"sent","to":"+1…23","messageId":"abc-1"}'])).toBe(
      "abc-1",
    );
    expect(messageIdFromLog(["{}"])).toBeUndefined();
  });
});
