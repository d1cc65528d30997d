import { describe, expect, test } from "vitest";
import { DEFAULT_MESSAGE_TEMPLATES } from "../../infra/messages/message-templates";
import { secretConfigKeys } from "../../infra/config/stack-config";
import { secretPlaceholder } from "../../infra/config/stack-file";
import { StackConfigError, validateStackConfig } from "../../infra/config/validate-config";

const NO_REGION = { region: undefined };

function validate(values: Record<string, string>, { region }: { region: string | undefined } = { region: "us-east-1" }) {
  return validateStackConfig({ stack: "dev", region, values });
}

/** The problems a configuration has (fails the test if it has none). */
function problemsOf(values: Record<string, string>, where: { region: string | undefined } = { region: "us-east-1" }): readonly string[] {
  try {
    validate(values, where);
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(values)} to be refused`);
}

describe("a stack that sets nothing but its region", () => {
  const config = validate({});

  test("gets the documented defaults", () => {
    expect(config).toMatchObject({
      stack: "dev",
      region: "us-east-1",
      phoneExperience: "unified",
      mfaPolicy: "all-applications",
      accessKeyGeneration: 1,
      protect: false,
      sender: { allowedCountries: [], senderId: undefined, originationNumber: undefined, maxPriceUsd: undefined },
      factors: { otp: true, recoveryCode: true, email: false, webauthnRoaming: false, webauthnPlatform: false, push: false },
      smsPreferences: undefined,
      alarms: undefined,
      protectConfiguration: undefined,
    });
  });

  test("follows the tenant (auto): without a tenant reading, a new tenant's, so unified", () => {
    expect(config.phoneExperienceChoice.summary).toBe("unified (auto: tenant not read, assumed a new tenant's flag: unset)");
  });

  test("sends Auth0's own texts for the classic experience", () => {
    const classic = validate({ phoneExperience: "classic" });
    expect(classic.enrollmentMessage).toBe(DEFAULT_MESSAGE_TEMPLATES.classic.enrollmentMessage);
    expect(classic.verificationMessage).toBe(DEFAULT_MESSAGE_TEMPLATES.classic.verificationMessage);
    expect(classic.verificationMessage).toContain("{{code}}");
  });
});

test("the unified experience defaults to texts with its own tenant-name variable", () => {
  const config = validate({ phoneExperience: "unified" });
  expect(config.enrollmentMessage).toBe(DEFAULT_MESSAGE_TEMPLATES.unified.enrollmentMessage);
  expect(config.verificationMessage).toContain("{{friendly_name}}");
  expect(config.verificationMessage).not.toContain("tenant.friendly_name");
});

test("values arrive as Pulumi delivers them (strings, JSON arrays) and are typed", () => {
  const config = validate({
    phoneExperience: "unified",
    mfaPolicy: "confidence-score",
    allowedCountries: '["us", "CA", "US"]',
    senderId: "Acme",
    originationNumber: "+12065550100",
    maxPriceUsd: "0.50",
    accessKeyGeneration: "3",
    protect: "true",
    factorEmail: "true",
    factorOtp: "false",
    smsPreferencesEnabled: "true",
    smsMonthlySpendLimitUsd: "250",
    smsDeliveryStatusSuccessSamplingRate: "10",
    alarmsEnabled: "true",
    alarmEmail: "oncall@example.com",
    alarmMonthToDateSpendUsd: "200",
    alarmFailedSmsThreshold: "3",
    protectConfigurationEnabled: "true",
    protectConfigurationAllowedCountryStatus: "FILTER",
    enrollmentMessage: "Enroll with {{ code }}",
    verificationMessage: "Your code: {{code}}",
  });
  expect(config).toMatchObject({
    phoneExperience: "unified",
    mfaPolicy: "confidence-score",
    sender: { allowedCountries: ["US", "CA"], senderId: "Acme", originationNumber: "+12065550100", maxPriceUsd: "0.50" },
    accessKeyGeneration: 3,
    protect: true,
    factors: { otp: false, email: true },
    smsPreferences: { monthlySpendLimitUsd: 250, deliveryStatusSuccessSamplingRate: 10 },
    alarms: { email: "oncall@example.com", monthToDateSpendUsd: 200, failedSmsThreshold: 3 },
    protectConfiguration: { allowedCountryStatus: "FILTER" },
    enrollmentMessage: "Enroll with {{ code }}",
    verificationMessage: "Your code: {{code}}",
  });
});

test("a comma-separated country list is accepted as well as a YAML list", () => {
  expect(validate({ allowedCountries: "US, ca" }).sender.allowedCountries).toEqual(["US", "CA"]);
});

describe("each bad value is reported with its key", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["enrollment text without the code", { enrollmentMessage: "Welcome to Acme" }, "enrollmentMessage: has no {{code}} placeholder"],
    [
      "verification text without the code",
      { verificationMessage: "Your code is {{ tenant.friendly_name }}" },
      "verificationMessage: has no {{code}} placeholder",
    ],
    [
      "unknown MFA policy",
      { mfaPolicy: "sometimes" },
      'mfaPolicy: unknown value "sometimes"; use one of all-applications, confidence-score, never',
    ],
    [
      "unknown phone experience",
      { phoneExperience: "twilio" },
      'phoneExperience: unknown value "twilio"; use one of auto, classic, unified',
    ],
    [
      "voice requested",
      { messageTypes: '["sms", "voice"]' },
      "messageTypes: voice cannot be delivered: Amazon SNS sends text messages only",
    ],
    ["voice only", { messageTypes: '["voice"]' }, "messageTypes: voice cannot be delivered"],
    ["no message type", { messageTypes: "[]" }, "messageTypes: must include sms"],
    ["unknown message type", { messageTypes: '["sms", "fax"]' }, 'messageTypes: unknown message type "fax"'],
    [
      "a country that is not alpha-2",
      { allowedCountries: '["US", "USA"]' },
      'allowedCountries: not ISO 3166-1 alpha-2 country codes: "USA"',
    ],
    ["UK for the United Kingdom", { allowedCountries: '["UK"]' }, '"UK" (the United Kingdom is GB)'],
    ["a country list that is not a list of strings", { allowedCountries: "[1, 2]" }, "allowedCountries: must be a list of strings"],
    ["key generation zero", { accessKeyGeneration: "0" }, 'accessKeyGeneration: must be a positive integer (got "0")'],
    ["negative key generation", { accessKeyGeneration: "-2" }, "accessKeyGeneration: must be a positive integer"],
    ["fractional key generation", { accessKeyGeneration: "1.5" }, "accessKeyGeneration: must be a positive integer"],
    ["spend limit zero", { smsMonthlySpendLimitUsd: "0" }, 'smsMonthlySpendLimitUsd: must be a positive whole number of USD (got "0")'],
    ["spend limit negative", { smsMonthlySpendLimitUsd: "-5" }, "smsMonthlySpendLimitUsd: must be a positive whole number of USD"],
    ["spend limit not a number", { smsMonthlySpendLimitUsd: "ten" }, "smsMonthlySpendLimitUsd: must be a positive whole number of USD"],
    [
      "sampling rate over 100",
      { smsDeliveryStatusSuccessSamplingRate: "150" },
      "smsDeliveryStatusSuccessSamplingRate: must be a whole number of percent from 0 to 100",
    ],
    ["spend alarm threshold zero", { alarmMonthToDateSpendUsd: "0" }, "alarmMonthToDateSpendUsd: must be a positive whole number of USD"],
    [
      "failure alarm threshold zero",
      { alarmFailedSmsThreshold: "0" },
      "alarmFailedSmsThreshold: must be a positive whole number of messages",
    ],
    ["alarms without a recipient", { alarmsEnabled: "true" }, "alarmEmail: is required when alarmsEnabled is true"],
    ["an alarm recipient that is not an email", { alarmEmail: "oncall" }, "alarmEmail: is not an email address"],
    ["a boolean that is not one", { protect: "yes" }, 'protect: must be true or false (got "yes")'],
    [
      "a protect configuration switch that is not a boolean",
      { protectConfigurationEnabled: "on" },
      'protectConfigurationEnabled: must be true or false (got "on")',
    ],
    [
      "BLOCK for the allowed countries",
      { protectConfigurationEnabled: "true", protectConfigurationAllowedCountryStatus: "BLOCK" },
      'protectConfigurationAllowedCountryStatus: unknown value "BLOCK"; use one of ALLOW, FILTER, MONITOR',
    ],
    [
      "an allowed-country status in lower case",
      { protectConfigurationAllowedCountryStatus: "monitor" },
      'protectConfigurationAllowedCountryStatus: unknown value "monitor"; use one of ALLOW, FILTER, MONITOR',
    ],
    ["a sender ID SNS refuses", { senderId: "Acme-Corporation" }, "senderId: must be"],
    ["an origination number that is not E.164", { originationNumber: "206-555-0100" }, "originationNumber: is not an E.164 phone number"],
    ["a max price that is not positive", { maxPriceUsd: "-1" }, "maxPriceUsd: is not a positive decimal amount of US dollars"],
    ["a typo in a key", { phoneExperiance: "unified" }, "phoneExperiance: unknown configuration key"],
    [
      "a key in the wrong case",
      { PhoneExperience: "unified" },
      "PhoneExperience: unknown configuration key; did you mean phoneExperience?",
    ],
  ];
  test.each(cases)("%s", (_label, values, expected) => {
    const problems = problemsOf(values);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  test("a missing aws:region", () => {
    expect(problemsOf({}, NO_REGION)).toEqual([expect.stringMatching(/^aws:region: is required/)]);
  });

  test("a region that is not an AWS region name", () => {
    expect(problemsOf({}, { region: "moon-base" })).toEqual([expect.stringMatching(/^aws:region: is not an AWS region name/)]);
  });
});

test("every problem is reported at once, one per line, each line starting with its key", () => {
  let error: unknown;
  try {
    validate(
      {
        phoneExperience: "fax",
        mfaPolicy: "sometimes",
        messageTypes: '["voice"]',
        allowedCountries: '["XX"]',
        accessKeyGeneration: "0",
        smsMonthlySpendLimitUsd: "-1",
        verificationMessage: "no code here",
      },
      NO_REGION,
    );
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(StackConfigError);
  const lines = (error as Error).message.split("\n");
  expect(lines[0]).toBe("Invalid stack configuration (8 problems):");
  const keys = lines.slice(1).map((line) => line.slice(0, line.indexOf(": ")));
  expect(keys.sort()).toEqual(
    [
      "aws:region",
      "phoneExperience",
      "mfaPolicy",
      "messageTypes",
      "allowedCountries",
      "accessKeyGeneration",
      "smsMonthlySpendLimitUsd",
      "verificationMessage",
    ].sort(),
  );
});

test("long bad values are cut short in messages", () => {
  const [problem] = problemsOf({ mfaPolicy: "x".repeat(500) });
  expect(problem?.length).toBeLessThan(150);
});

test("the code placeholder may use Liquid spacing, trimming and filters", () => {
  for (const text of ["{{code}}", "{{ code }}", "{{- code -}}", "{{ code | strip }}"]) {
    expect(validate({ verificationMessage: `Code ${text}` }).verificationMessage).toBe(`Code ${text}`);
  }
  expect(problemsOf({ verificationMessage: "Code {{ codes }}" })).toHaveLength(1);
  expect(problemsOf({ verificationMessage: "Code {code}" })).toHaveLength(1);
});

describe("values the operator stored with --secret", () => {
  const SECRET = "s3cr3t-ish-value-9f8e7d";

  function problemsWithSecrets(values: Record<string, string>, secretKeys: string[]): readonly string[] {
    try {
      validateStackConfig({ stack: "dev", region: "us-east-1", values, secretKeys });
    } catch (error) {
      if (error instanceof StackConfigError) return error.problems;
      throw error;
    }
    throw new Error("expected the configuration to be refused");
  }

  test.each([
    ["a boolean", "protect"],
    ["an integer", "accessKeyGeneration"],
    ["a choice", "mfaPolicy"],
    ["a list of message types", "messageTypes"],
    ["a list of countries", "allowedCountries"],
  ])("are named by key but never quoted: %s", (_kind, key) => {
    const value = key === "messageTypes" ? JSON.stringify(["sms", SECRET]) : key === "allowedCountries" ? JSON.stringify([SECRET]) : SECRET;
    const shown = problemsWithSecrets({ [key]: value }, []);
    expect(shown.join("\n")).toContain(SECRET.slice(0, 12)); // the same mistake in plain text is quoted…
    const hidden = problemsWithSecrets({ [key]: value }, [key]);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatch(new RegExp(`^${key}: .*\\[secret value not shown\\]`));
    expect(hidden[0]).not.toContain(SECRET.slice(0, 6)); // …but not when it is a secret
  });
});

describe("secret values the offline plan cannot decrypt", () => {
  // npm run plan hands the program this stand-in for every `secure:` value (infra/config/stack-file.ts).
  const placeholder = (key: string) => secretPlaceholder(`auth0-sns-mfa:${key}`);
  const unreadable = [
    "senderId",
    "originationNumber",
    "maxPriceUsd",
    "alarmEmail",
    "accessKeyGeneration",
    "protect",
    "allowedCountries",
    "mfaPolicy",
    "verificationMessage",
  ];
  const values = { ...Object.fromEntries(unreadable.map((key) => [key, placeholder(key)])), alarmsEnabled: "true" };

  test("never fail validation: nobody could read them here", () => {
    expect(() => validateStackConfig({ stack: "dev", region: "us-east-1", values, secretKeys: unreadable })).not.toThrow();
  });

  test("text the program passes on keeps the stand-in; every other key reads as its default", () => {
    const config = validateStackConfig({ stack: "dev", region: "us-east-1", values, secretKeys: unreadable });
    expect(config.sender).toEqual({
      allowedCountries: [],
      senderId: placeholder("senderId"),
      originationNumber: placeholder("originationNumber"),
      maxPriceUsd: placeholder("maxPriceUsd"),
    });
    expect(config.alarms?.email).toBe(placeholder("alarmEmail"));
    expect(config).toMatchObject({ accessKeyGeneration: 1, protect: false, mfaPolicy: "all-applications" });
    expect(config.verificationMessage).toBe(DEFAULT_MESSAGE_TEMPLATES[config.phoneExperience].verificationMessage);
    expect(config.secretKeys).toEqual(expect.arrayContaining(["senderId", "alarmEmail"]));
  });

  test("a stand-in in a key not stored as a secret is judged like any text", () => {
    expect(() => validateStackConfig({ stack: "dev", region: "us-east-1", values: { senderId: placeholder("senderId") } })).toThrow(
      /^senderId: /m,
    );
  });

  test("a readable secret is still judged, without being quoted", () => {
    const secretKeys = ["senderId", "alarmEmail"];
    const bad = { senderId: "not a sender id!", alarmEmail: "nobody" };
    expect(() => validateStackConfig({ stack: "dev", region: "us-east-1", values: bad, secretKeys })).toThrow(
      /senderId: [\s\S]*alarmEmail: is not an email address/,
    );
  });
});

describe("secretConfigKeys", () => {
  test("reads the CLI's list of secret keys as bare project key names and aws:region", () => {
    expect(
      secretConfigKeys(
        JSON.stringify(["auth0-sns-mfa:originationNumber", "auth0-sns-mfa:config:senderId", "aws:region", "auth0:clientSecret"]),
      ),
    ).toEqual(["originationNumber", "senderId", "aws:region"]);
    expect(secretConfigKeys(undefined)).toEqual([]);
    expect(secretConfigKeys("not json")).toEqual([]);
  });
});
