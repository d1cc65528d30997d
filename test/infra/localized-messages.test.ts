// The localizedMessages key and the one-segment rule: every refusal names the key, the language and
// the message. Segment limits: 3GPP TS 23.038 §6.2.1 (GSM-7, 160 septets) and UCS-2 (70 units), see
// test/hook/sms-segments.test.ts.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import { assertMessagesFitOneSegment, FRIENDLY_NAME_STAND_IN, oneSegmentProblems } from "../../infra/messages/message-segments";
import { DEFAULT_MESSAGE_TEMPLATES } from "../../infra/messages/message-templates";
import { defineSmsMfaStack, smsMfaArgsOf } from "../../infra/sms-mfa-stack";
import type { StackConfig } from "../../infra/config/stack-config-types";
import { HIDDEN_SECRET_VALUE, StackConfigError, validateStackConfig } from "../../infra/config/validate-config";

function validate(values: Record<string, string>, secretKeys: string[] = []): StackConfig {
  return validateStackConfig({ stack: "dev", region: "us-east-1", values, secretKeys });
}

function problemsOf(values: Record<string, string>, secretKeys: string[] = []): string[] {
  try {
    validate(values, secretKeys);
  } catch (error) {
    if (error instanceof StackConfigError) return [...error.problems];
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(values)} to be refused`);
}

const localized = (messages: unknown): Record<string, string> => ({ localizedMessages: JSON.stringify(messages) });
const texts = (enrollment: string, verification = "Code {{code}}"): { enrollment: string; verification: string } => ({
  enrollment,
  verification,
});

describe("localizedMessages", () => {
  test("defaults to no other language", () => {
    expect(validate({}).localizedMessages).toEqual({});
  });

  test("reads texts keyed by language tag, trimmed", () => {
    const config = validate(localized({ fr: texts(" Code {{code}} "), "pt-BR": texts("Código {{ code }}") }));
    expect(config.localizedMessages).toEqual({ fr: texts("Code {{code}}"), "pt-BR": texts("Código {{ code }}") });
  });

  test.each([
    ["a text without the code placeholder", { fr: texts("Bienvenue") }, "localizedMessages: fr enrollment: has no {{code}} placeholder"],
    ["an empty text", { es: texts("  ") }, "localizedMessages: es enrollment: the text is missing or empty"],
    ["a missing text", { es: { enrollment: "Código {{code}}" } }, "localizedMessages: es verification: the text is missing or empty"],
    ["an unknown message", { es: { ...texts("Código {{code}}"), challenge: "x" } }, 'localizedMessages: es: unknown message "challenge"'],
    ["an unknown language", { xx: texts("{{code}}") }, 'localizedMessages: "xx": unknown language "xx"'],
    ["an unknown region", { "fr-XX": texts("{{code}}") }, 'localizedMessages: "fr-XX": unknown region "XX"'],
    [
      "an underscore tag",
      { fr_CA: texts("{{code}}") },
      'localizedMessages: "fr_CA" is not a language tag: use a language code with an optional region, e.g. "fr" or "pt-BR"; did you mean "fr-CA"?',
    ],
    ["an uppercase language", { FR: texts("{{code}}") }, 'did you mean "fr"?'],
    ["a language name", { french: texts("{{code}}") }, 'localizedMessages: "french" is not a language tag'],
    ["a deprecated code", { iw: texts("{{code}}") }, 'did you mean "he"?'],
    ["a list instead of an object", [texts("{{code}}")], "localizedMessages: must be a JSON object keyed by language tag"],
  ])("refuses %s, naming the key and the language", (_, messages, expected) => {
    const problems = problemsOf(localized(messages));
    expect(problems.join("\n")).toContain(expected);
  });

  test("refuses text that is not JSON", () => {
    expect(problemsOf({ localizedMessages: "fr: Code {{code}}" })).toEqual([
      expect.stringMatching(/^localizedMessages: must be a JSON object/),
    ]);
  });

  test("reports every problem at once", () => {
    const problems = problemsOf(localized({ xx: texts("{{code}}"), fr: texts("Bienvenue", ""), es: texts("Código {{code}}") }));
    expect(problems).toHaveLength(3);
  });

  test("never quotes a malformed tag of a value stored as a secret", () => {
    const problems = problemsOf(localized({ "Private-Tag": texts("{{code}}") }), ["localizedMessages"]);
    expect(problems.join("\n")).toContain(HIDDEN_SECRET_VALUE);
    expect(problems.join("\n")).not.toContain("Private");
  });
});

describe("the one-segment rule", () => {
  const base = (values: Record<string, string> = {}): StackConfig => validate({ phoneExperience: "classic", ...values });
  // A template 73 characters long renders to 71 once {{code}} (8) becomes 6 digits.
  const curly71 = "{{code}} est votre code d’accès".padEnd(73, ".");
  const gsm161 = "{{code}} is your code".padEnd(163, ".");

  test("accepts Auth0's default texts for both experiences with the stand-in friendly name", () => {
    expect(FRIENDLY_NAME_STAND_IN.length).toBe(30);
    expect(oneSegmentProblems(base(), FRIENDLY_NAME_STAND_IN)).toEqual([]);
    expect(oneSegmentProblems(base({ phoneExperience: "unified" }), FRIENDLY_NAME_STAND_IN)).toEqual([]);
  });

  test("refuses a 71-character text with one curly apostrophe, naming language, message, length, encoding and the apostrophe", () => {
    const problems = oneSegmentProblems(base(localized({ fr: texts("Code {{code}}", curly71) })), "Acme");
    expect(problems).toEqual([
      "localizedMessages: fr verification message is 71 UTF-16 code units in UCS-2 with a 4-character friendly name and a 6-digit code, " +
        'over the 70 of one SMS segment (it would be 2 SMS); UCS-2 because of "’" (U+2019), without it the limit is 160',
    ]);
  });

  test("accepts the same text at 70 characters, and with a straight apostrophe at 71", () => {
    expect(oneSegmentProblems(base(localized({ fr: texts("Code {{code}}", curly71.slice(0, -1)) })), "Acme")).toEqual([]);
    expect(oneSegmentProblems(base(localized({ fr: texts("Code {{code}}", curly71.replace("’", "'")) })), "Acme")).toEqual([]);
  });

  test("refuses a 161-character GSM-7 text and accepts 160", () => {
    expect(oneSegmentProblems(base({ verificationMessage: gsm161 }), "Acme")).toEqual([
      "verificationMessage: default verification message is 161 septets in GSM-7 with a 4-character friendly name and a 6-digit code, over the 160 of one SMS segment (it would be 2 SMS)",
    ]);
    expect(oneSegmentProblems(base({ verificationMessage: gsm161.slice(0, -1) }), "Acme")).toEqual([]);
  });

  test("counts extension-table characters twice: a code and 77 euro signs fill a segment, 78 do not", () => {
    const euros = (count: number): StackConfig => base(localized({ de: texts("{{code}}" + "€".repeat(count)) }));
    expect(oneSegmentProblems(euros(77), "Acme")).toEqual([]); // 6 + 154 septets
    expect(oneSegmentProblems(euros(78), "Acme")).toEqual([expect.stringContaining("de enrollment message is 162 septets in GSM-7")]);
  });

  test("measures with the tenant's friendly name, and names it when its character forces UCS-2", () => {
    const defaults = base();
    // Auth0's classic enrollment text is 88 characters besides the name.
    expect(oneSegmentProblems(defaults, "A".repeat(72))).toEqual([]);
    expect(oneSegmentProblems(defaults, "A".repeat(73))).toEqual([
      expect.stringMatching(/^enrollmentMessage: default enrollment message is 161 septets/),
    ]);
    expect(oneSegmentProblems(defaults, "Ĳssel Software")).toEqual([
      expect.stringContaining('UCS-2 because of "Ĳ" (U+0132) in the tenant\'s friendly name'),
    ]);
  });

  test("refuses Liquid whose length is unknown before sending, and the other experience's friendly-name variable", () => {
    const problems = oneSegmentProblems(
      base(localized({ fr: texts("Bonjour {{ user.name }}, code {{code}}", "{{code}} pour {{friendly_name}}") })),
      "Acme",
    );
    expect(problems).toEqual([
      "localizedMessages: fr enrollment message uses {{ user.name }}, whose length is unknown before sending; only {{code}} and the tenant's friendly name can be measured",
      "localizedMessages: fr verification message uses {{friendly_name}}, whose length is unknown before sending; only {{code}} and the tenant's friendly name can be measured (the classic phone experience names the tenant {{tenant.friendly_name}})",
    ]);
  });

  test("never quotes a character of a text stored as a secret", () => {
    const config = validate(localized({ fr: texts("Code {{code}}", curly71) }), ["localizedMessages"]);
    const [problem] = oneSegmentProblems(config, "Acme");
    expect(problem).toContain(`UCS-2 because of ${HIDDEN_SECRET_VALUE}`);
    expect(problem).not.toContain("’");
  });

  test("throws one StackConfigError listing every text over the limit", () => {
    const config = base({ ...localized({ fr: texts(curly71, curly71) }), verificationMessage: gsm161 });
    expect(() => assertMessagesFitOneSegment(config, "Acme")).toThrow(/^Invalid stack configuration \(3 problems\):/);
  });

  test("stops the program before anything is registered or built", async () => {
    const registered: string[] = [];
    let builds = 0;
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args.type);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "auth0-sns-mfa",
      "dev",
      true,
    );
    const config = validate(localized({ es: texts("Código {{code}}", gsm161) }));
    const build = (): Promise<never> => {
      builds += 1;
      return Promise.reject(new Error("must not build"));
    };
    // As readStackSmsMfaArgs does: checked before the SmsMfa is defined.
    expect(() => {
      assertMessagesFitOneSegment(config, "Acme");
      defineSmsMfaStack({ ...smsMfaArgsOf(config), buildAction: build });
    }).toThrow(/\nlocalizedMessages: es verification message is 161 septets in GSM-7/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered).toEqual([]);
    expect(builds).toBe(0);
  });
});

test("Auth0's default texts contain only what the rule can measure", () => {
  for (const experience of ["classic", "unified"] as const) {
    const config = validate({ phoneExperience: experience });
    expect(config.enrollmentMessage).toBe(DEFAULT_MESSAGE_TEMPLATES[experience].enrollmentMessage);
    expect(oneSegmentProblems(config, "Acme")).toEqual([]);
  }
});
