import { describe, expect, it } from "vitest";
import { OPTIONAL_SECRET_NAMES, readSenderSettings, REQUIRED_SECRET_NAMES } from "../../hook/action-secrets";
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

describe("secret names", () => {
  it("are the guide's three AWS secrets plus the optional ones", () => {
    expect(REQUIRED_SECRET_NAMES).toEqual(["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);
    expect(OPTIONAL_SECRET_NAMES).toEqual([
      "SNS_ENDPOINT",
      "ALLOWED_COUNTRIES",
      "SMS_SENDER_ID",
      "SMS_ORIGINATION_NUMBER",
      "SMS_MAX_PRICE_USD",
    ]);
  });
});

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
      expect(error.message).toContain(name);
      expect(error.message).not.toContain(VALID_SECRETS[name]);
    });
  });

  it("refuses when event.secrets is missing altogether", () => {
    expect(refusal(undefined).message).toContain("AWS_REGION");
  });

  it.each([
    ["AWS_REGION", "eu-west", "not an AWS region"],
    ["AWS_REGION", "EU-WEST-2", "not an AWS region"],
    ["AWS_ACCESS_KEY_ID", "AKIA IOSFODNN7EXAMPLE", "whitespace"],
    ["AWS_SECRET_ACCESS_KEY", "abc def", "whitespace"],
    ["SNS_ENDPOINT", "127.0.0.1:4566", "not a URL"],
    ["SNS_ENDPOINT", "localhost:4566", "http:// or https://"],
    ["SNS_ENDPOINT", "ftp://127.0.0.1", "http:// or https://"],
    ["SNS_ENDPOINT", "https://user:pw@sns.example.com", "credentials"],
    ["ALLOWED_COUNTRIES", "US,UK", '"UK" (the United Kingdom is GB)'],
    ["ALLOWED_COUNTRIES", ",", "lists no country"],
    ["SMS_SENDER_ID", "My App", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "123456", "at least one letter"],
    ["SMS_SENDER_ID", "TwelveLetter", "3-11 letters or digits"],
    ["SMS_SENDER_ID", "AB", "3-11 letters or digits"],
    ["SMS_ORIGINATION_NUMBER", "2065550100", "E.164"],
    ["SMS_MAX_PRICE_USD", "abc", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "-1", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "0", "positive decimal"],
    ["SMS_MAX_PRICE_USD", "1e3", "positive decimal"],
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

  it("accepts the region shapes AWS uses", () => {
    for (const region of ["us-east-1", "ap-southeast-5", "us-gov-west-1", "cn-northwest-1", "il-central-1", "eu-central-2"]) {
      expect(readSenderSettings({ ...VALID_SECRETS, AWS_REGION: region }).region).toBe(region);
    }
  });
});
