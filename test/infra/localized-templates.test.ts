// The generated MFA templates, rendered by a real Liquid engine (liquidjs: the engine Auth0 names for
// its phone templates, auth0.com/docs/customize/phone-messages/phone-templates) with the variables each
// experience passes:
// - classic Guardian templates: `locale`, `message_type`, `code`, `tenant.friendly_name`
//   (auth0.com/docs/customize/customize-sms-or-voice-messages);
// - unified phone templates: `locale` ("based on the ui_locales query parameter on /authorize"),
//   `code`, `friendly_name` (auth0.com/docs/customize/phone-messages/phone-templates/supported-liquid-syntax).
// The locale's form is not fixed by the docs (ui_locales are BCP 47 `fr-CA`; the custom-phone-provider
// event documents `en_US`), so both are rendered.
import { Liquid } from "liquidjs";
import { describe, expect, test } from "vitest";
import { DEFAULT_MESSAGE_TEMPLATES, localizedTemplate, localizedTemplates } from "../../infra/messages/message-templates";
import type { LocalizedMessages, PhoneExperience } from "../../infra/config/stack-config-types";
import { runProgram } from "./run-program";

const liquid = new Liquid();

const MESSAGES: LocalizedMessages = {
  fr: { enrollment: "Code d'inscription {{code}} pour {{tenant.friendly_name}}", verification: "Votre code {{code}}" },
  es: { enrollment: "Código de registro {{ code }}", verification: "Su código es {{code}}" },
  "pt-BR": { enrollment: "Código de cadastro {{code}}", verification: "Seu código é {{code}}" },
};

function variables(experience: PhoneExperience, locale: string | undefined): Record<string, unknown> {
  const common = { code: "482913", ...(locale === undefined ? {} : { locale }) };
  return experience === "classic"
    ? { ...common, message_type: "sms", tenant: { friendly_name: "Acme" } }
    : { ...common, friendly_name: "Acme", tenant: "acme-prod" };
}

describe("a message with localized texts", () => {
  const template = localizedTemplate(DEFAULT_MESSAGE_TEMPLATES.classic.verificationMessage, MESSAGES, "verification");
  const render = (locale: string | undefined): string => liquid.parseAndRenderSync(template, variables("classic", locale));

  test.each([
    ["fr", "Votre code 482913"],
    ["fr-CA", "Votre code 482913"],
    ["fr_CA", "Votre code 482913"],
    ["FR-be", "Votre code 482913"],
    ["es-419", "Su código es 482913"],
    ["pt-BR", "Seu código é 482913"],
    ["pt_BR", "Seu código é 482913"],
  ])("locale %s gets its language's text with the code", (locale, expected) => {
    expect(render(locale)).toBe(expected);
  });

  test.each([["en"], ["en-US"], ["de-DE"], ["pt-PT"], ["pt"], ["frr"], [""]])("locale %s gets the default text", (locale) => {
    expect(render(locale)).toBe("482913 is your verification code for Acme");
  });

  test("a request without a locale gets the default text", () => {
    expect(render(undefined)).toBe("482913 is your verification code for Acme");
  });

  test("a region tag wins over its language: pt-BR for Brazil, pt for Portugal", () => {
    const withPortuguese = { ...MESSAGES, pt: { enrollment: "Código {{code}}", verification: "O seu código é {{code}}" } };
    const both = localizedTemplate("Code {{code}}", withPortuguese, "verification");
    expect(liquid.parseAndRenderSync(both, { locale: "pt-BR", code: "1" })).toBe("Seu código é 1");
    expect(liquid.parseAndRenderSync(both, { locale: "pt-PT", code: "1" })).toBe("O seu código é 1");
  });

  test("without localized texts the template is the default text itself", () => {
    expect(localizedTemplate("Code {{code}}", {}, "enrollment")).toBe("Code {{code}}");
  });
});

describe.each<PhoneExperience>(["classic", "unified"])("the %s experience's templates, as the program registers them", (experience) => {
  const GUARDIAN = "auth0:index/guardian:Guardian";
  const PHONE_TEMPLATE = "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate";
  const name = experience === "classic" ? "{{tenant.friendly_name}}" : "{{friendly_name}}";
  const localized = {
    fr: { enrollment: `Inscription à ${name} : code {{code}}`, verification: `Code ${name} : {{code}}` },
    "pt-BR": { enrollment: `Cadastro em ${name}: código {{code}}`, verification: `Código ${name}: {{code}}` },
  };

  async function registeredTemplates(): Promise<{ enrollment: string; verification: string }> {
    const run = await runProgram({
      stack: "dev",
      overrides: { phoneExperience: experience, localizedMessages: JSON.stringify(localized) },
      build: (trigger) => Promise.resolve({ trigger, handlerName: "h", code: "exports.h = async () => {};", dependencies: [] }),
    });
    if (experience === "classic") {
      const options = (run.one(GUARDIAN).inputs.phone as { options: { enrollmentMessage: string; verificationMessage: string } }).options;
      return { enrollment: options.enrollmentMessage, verification: options.verificationMessage };
    }
    const byType = Object.fromEntries(
      run
        .ofType(PHONE_TEMPLATE)
        .map((resource) => [resource.inputs.type, (resource.inputs.content as { body: { text: string } }).body.text]),
    );
    return { enrollment: String(byType.otp_enroll), verification: String(byType.otp_verify) };
  }

  test("pick French for fr-CA, Brazilian Portuguese for pt_BR and the default for de, each with the code and the tenant's name", async () => {
    const templates = await registeredTemplates();
    const render = (template: string, locale: string): string => liquid.parseAndRenderSync(template, variables(experience, locale));
    expect(render(templates.enrollment, "fr-CA")).toBe("Inscription à Acme : code 482913");
    expect(render(templates.verification, "fr")).toBe("Code Acme : 482913");
    expect(render(templates.verification, "pt_BR")).toBe("Código Acme: 482913");
    expect(render(templates.enrollment, "de")).toBe(
      "482913 is your verification code for Acme. Please enter this code to verify your enrollment.",
    );
    expect(render(templates.verification, "en_US")).toBe("482913 is your verification code for Acme");
  });

  test("are what localizedTemplates generates from the experience's defaults", async () => {
    const templates = await registeredTemplates();
    const expected = localizedTemplates(DEFAULT_MESSAGE_TEMPLATES[experience], localized);
    expect(templates).toEqual({ enrollment: expected.enrollmentMessage, verification: expected.verificationMessage });
  });
});
