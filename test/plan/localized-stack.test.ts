// `npm run plan` on a stack with two extra languages (test/plan/fixtures/localized): the plan shows the
// generated Guardian templates, and they render (liquidjs) to each language's text with the code.
import * as path from "node:path";
import { Liquid } from "liquidjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan } from "./shared-plans";

const STACK_FILE = path.join(__dirname, "fixtures", "localized", "Pulumi.localized.yaml");
const JSON_ARGS = ["--stack", "localized", "--stack-file", STACK_FILE, "--json"];
const TEXT_ARGS = ["--stack", "localized", "--stack-file", STACK_FILE];

beforeAll(() => prefetchPlans([{ args: JSON_ARGS }, { args: TEXT_ARGS }]));

interface JsonPlan {
  resources: { type: string; inputs: Record<string, unknown> }[];
}

describe("npm run plan on a stack with French and Brazilian Portuguese texts", () => {
  it(
    "shows Guardian templates that pick the text by locale",
    async () => {
      const run = await sharedPlan(JSON_ARGS);
      expect(run.stderr).toBe("");
      expectExit(run, 0);
      const plan = JSON.parse(run.stdout) as JsonPlan;
      const guardian = plan.resources.find((resource) => resource.type === "auth0:index/guardian:Guardian");
      const options = (guardian?.inputs["phone"] as { options: { enrollmentMessage: string; verificationMessage: string } }).options;
      const liquid = new Liquid();
      const render = (template: string, locale: string): string =>
        liquid.parseAndRenderSync(template, { locale, code: "902114", message_type: "sms", tenant: { friendly_name: "Acme" } });
      expect(render(options.enrollmentMessage, "fr-CA")).toBe("902114 est votre code d'inscription pour Acme.");
      expect(render(options.verificationMessage, "pt_BR")).toBe("902114 é o seu código de verificação em Acme");
      expect(render(options.verificationMessage, "de")).toBe("902114 is your verification code for Acme");

      const text = await sharedPlan(TEXT_ARGS);
      expectExit(text, 0);
      expect(text.stdout).toContain("est votre code de vérification pour {{tenant.friendly_name}}");
      expect(text.stdout).toContain('mfa_sms_locale == \\"pt-br\\"');
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});
