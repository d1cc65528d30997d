import { describe, expect, it } from "vitest";
import { readSenderSettings, REQUIRED_SECRET_NAMES } from "../../hook/action-secrets";
import { SendRefusedError } from "../../hook/send-errors";
import { VALID_SECRETS } from "./fixtures";

function refusal(secrets: unknown): SendRefusedError {
  try {
    readSenderSettings(secrets);
  } catch (error) {
    if (error instanceof SendRefusedError) return error;
    throw error;
  }
  throw new Error("readSenderSettings accepted the secrets");
}

describe("readSenderSettings", () => {
  it("reads the required secrets and leaves every option unset", () => {
    expect(readSenderSettings(VALID_SECRETS)).toEqual({
      region: "eu-west-2",
      accessKeyId: VALID_SECRETS.AWS_ACCESS_KEY_ID,
      secretAccessKey: VALID_SECRETS.AWS_SECRET_ACCESS_KEY,
      endpoint: undefined,
      allowedCountries: undefined,
      senderId: undefined,
      originationNumber: undefined,
      maxPriceUsd: undefined,
    });
  });

  it("reads every option when set", () => {
    const settings = readSenderSettings({
      ...VALID_SECRETS,
      SNS_ENDPOINT: "http://127.0.0.1:4566",
      ALLOWED_COUNTRIES: "us, ca",
      SMS_SENDER_ID: "MyApp",
      SMS_ORIGINATION_NUMBER: "+12065550100",
      SMS_MAX_PRICE_USD: "0.50",
    });
    expect(settings).toMatchObject({
      endpoint: "http://127.0.0.1:4566",
      allowedCountries: ["US", "CA"],
      senderId: "MyApp",
      originationNumber: "+12065550100",
      maxPriceUsd: "0.50",
    });
  });

  it("treats blank optional secrets as unset", () => {
    const settings = readSenderSettings({ ...VALID_SECRETS, ALLOWED_COUNTRIES: " ", SMS_SENDER_ID: "", SNS_ENDPOINT: "" });
    expect(settings.allowedCountries).toBeUndefined();
    expect(settings.senderId).toBeUndefined();
    expect(settings.endpoint).toBeUndefined();
  });

  it("ignores secrets it does not know", () => {
    expect(() => readSenderSettings({ ...VALID_SECRETS, SLACK_WEBHOOK_URL: "x" })).not.toThrow();
  });

  describe.each(REQUIRED_SECRET_NAMES)("required secret %s", (name) => {
    it.each([
      ["absent", undefined],
      ["empty", ""],
      ["blank", "   "],
    ])("refuses it %s, naming it", (_how, value) => {
      const secrets: Record<string, string | undefined> = { ...VALID_SECRETS, [name]: value };
      const error = refusal(secrets);
      expect(error.reason).toBe("missing-secret");
      expect(error.message).toContain(name);
    });

    it("refuses a value pasted with a trailing newline, without printing the value", () => {
      const value = `${VALID_SECRETS[name]}\n`;
      const error = refusal({ ...VALID_SECRETS, [name]: value });
      expect(error.reason).toBe("invalid-secret");
      expect(error.message).toBe(`Action secret ${name} has leading or trailing whitespace (pasted with a newline?)`);
    });
  });

  it("refuses when event.secrets is missing altogether", () => {
    expect(refusal(undefined).message).toContain("AWS_REGION");
    expect(refusal(null).message).toContain("AWS_REGION");
  });

  it.each([
    ["AWS_REGION", null, "missing-secret", "is missing or empty"],
    ["AWS_ACCESS_KEY_ID", 42, "invalid-secret", "is not a string"],
    ["SMS_SENDER_ID", { name: "MyApp" }, "invalid-secret", "is not a string"],
  ])("refuses %s=%j as %s (a value that is not a string)", (name, value, reason, problem) => {
    const error = refusal({ ...VALID_SECRETS, [name]: value });
    expect(error).toMatchObject({ reason, message: `Action secret ${name} ${problem}` });
  });

  it("treats a null optional secret as unset", () => {
    expect(readSenderSettings({ ...VALID_SECRETS, SMS_SENDER_ID: null }).senderId).toBeUndefined();
  });

  it.each([
    ["AWS_REGION", "eu-west", "not an AWS region"],
    ["AWS_REGION", "EU-WEST-2", "not an AWS region"],
    ["AWS_REGION", "xeu-west-2", "not an AWS region"],
    ["AWS_REGION", "eu-west-2a", "not an AWS region"],
    ["AWS_REGION", "eu-west-123", "not an AWS region"],
    ["AWS_REGION", "e1-west-2", "not an AWS region"],
    ["AWS_REGION", "eu-2", "not an AWS region"],
    ["AWS_ACCESS_KEY_ID", "AKIA IOSFODNN7EXAMPLE", "whitespace"],
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EX", "not an AWS access key id"],
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE/", "not an AWS access key id"],
    ["AWS_ACCESS_KEY_ID", "/AKIAIOSFODNN7EXAMPLE", "not an AWS access key id"],
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7ÉXAMPLE", "not an AWS access key id"],
    ["AWS_SECRET_ACCESS_KEY", "abc def", "whitespace"],
    ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEÿ", "non-ASCII"],
    ["AWS_SECRET_ACCESS_KEY", "ÿwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE", "non-ASCII"],
    ["SNS_ENDPOINT", "127.0.0.1:4566", "not a URL"],
    ["SNS_ENDPOINT", "localhost:4566", "http:// or https://"],
    ["SNS_ENDPOINT", "ftp://127.0.0.1", "http:// or https://"],
    ["SNS_ENDPOINT", "https://user:pw@sns.example.com", "credentials"],
    ["SNS_ENDPOINT", "https://user@sns.example.com", "credentials"],
    ["SNS_ENDPOINT", "https://:pw@sns.example.com", "credentials"],
    ["ALLOWED_COUNTRIES", "US,UK", '"UK" (the United Kingdom is GB)'],
    ["ALLOWED_COUNTRIES", ",", "lists no country"],
    ["SMS_SENDER_ID", "My App", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "123456", "at least one letter"],
    ["SMS_SENDER_ID", "TwelveLetter", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "AB", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "My-App", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "MyApp!", "3-11 letters or digits"],
    ["SMS_ORIGINATION_NUMBER", "2065550100", "E.164"],
    ["SMS_MAX_PRICE_USD", "abc", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "-1", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "0", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "1e3", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "123456", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "0.123456", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "1.", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "$1.00", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "0.00", "positive decimal"],
  ])("refuses %s=%j, naming the secret and the problem", (name, value, problem) => {
    const error = refusal({ ...VALID_SECRETS, [name]: value });
    expect(error.reason).toBe("invalid-secret");
    expect(error.message).toContain(`Action secret ${name} `);
    expect(error.message).toContain(problem);
  });

  it("never prints the secret access key, whatever is wrong", () => {
    const secretKey = "s3cr3t/KEY+with+MARKER";
    const cases = [
      { ...VALID_SECRETS, AWS_SECRET_ACCESS_KEY: `${secretKey} ` },
      { ...VALID_SECRETS, AWS_SECRET_ACCESS_KEY: secretKey, AWS_REGION: "nowhere" },
      { ...VALID_SECRETS, AWS_SECRET_ACCESS_KEY: secretKey, SMS_MAX_PRICE_USD: "free" },
    ];
    for (const secrets of cases) expect(refusal(secrets).message).not.toContain("MARKER");
  });

  it("accepts the longest access key id IAM allows, whole and decimal prices, a sender ID that starts with digits", () => {
    const accessKeyId = "A".repeat(128);
    expect(readSenderSettings({ ...VALID_SECRETS, AWS_ACCESS_KEY_ID: accessKeyId, SMS_MAX_PRICE_USD: "12345.12345" })).toMatchObject({
      accessKeyId,
      maxPriceUsd: "12345.12345",
    });
    expect(readSenderSettings({ ...VALID_SECRETS, SMS_MAX_PRICE_USD: "2", SMS_SENDER_ID: "123Go" })).toMatchObject({
      maxPriceUsd: "2",
      senderId: "123Go",
    });
    expect(refusal({ ...VALID_SECRETS, AWS_ACCESS_KEY_ID: "A".repeat(129) }).message).toContain("not an AWS access key id");
  });

  it("accepts the region shapes AWS uses", () => {
    // The number counts an area's regions: a tenth one (two digits) is accepted ahead of time.
    for (const region of [
      "us-east-1",
      "ap-southeast-5",
      "us-gov-west-1",
      "cn-northwest-1",
      "il-central-1",
      "eu-central-2",
      "ap-southeast-10",
    ]) {
      expect(readSenderSettings({ ...VALID_SECRETS, AWS_REGION: region }).region).toBe(region);
    }
  });
});
