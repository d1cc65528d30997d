import { describe, expect, test } from "vitest";
import { TRIGGER_VERSIONS } from "../../infra/auth0/action-bundle";
import { DEFAULT_MESSAGE_TEMPLATES } from "../../infra/messages/message-templates";
import type { PhoneExperience } from "../../infra/config/stack-config-types";
import {
  ACCESS_KEY,
  ACTION,
  GUARDIAN,
  IAM_USER,
  IAM_USER_POLICY,
  PHONE_PROVIDER,
  PHONE_TEMPLATE,
  TRIGGER_ACTIONS,
  deployedSecrets,
  engineUrnOf,
  idOf,
  runProgram,
  settled,
  type ProgramRun,
} from "./run-program";
import { readStackFile, type StackName } from "./stack-files";

const TRIGGER: Record<PhoneExperience, string> = { classic: "send-phone-message", unified: "custom-phone-provider" };

const cases: [StackName, PhoneExperience][] = [
  ["dev", "classic"],
  ["dev", "unified"],
  ["prod", "classic"],
  ["prod", "unified"],
];

describe.each(cases)("stack %s, %s phone experience", (stack, experience) => {
  const runs = new Map<string, Promise<ProgramRun>>();
  const program = (): Promise<ProgramRun> => {
    const key = `${stack}/${experience}`;
    if (!runs.has(key)) runs.set(key, runProgram({ stack, overrides: { phoneExperience: experience } }));
    return runs.get(key) as Promise<ProgramRun>;
  };
  const region = readStackFile(stack)["aws:region"];

  test("is one SmsMfa named after the stack, composing the two sides, each owning its side", async () => {
    const run = await program();
    const components = run.resources.filter((resource) => !resource.custom);
    expect(components.map((component) => `${component.type}::${component.name}`).sort()).toEqual([
      `auth0-sns-mfa:auth0:TenantSmsMfa::${stack}-auth0`,
      `auth0-sns-mfa:aws:SmsSender::${stack}-aws`,
      `auth0-sns-mfa:index:SmsMfa::${stack}`,
    ]);
    const urn = (resource: (typeof run.resources)[number]) => engineUrnOf(run.resources, resource, stack);
    for (const resource of run.resources.filter((r) => r.type.startsWith("aws:")))
      expect(urn(resource)).toContain("::auth0-sns-mfa:index:SmsMfa$auth0-sns-mfa:aws:SmsSender$");
    for (const resource of run.resources.filter((r) => r.type.startsWith("auth0:")))
      expect(urn(resource)).toContain("::auth0-sns-mfa:index:SmsMfa$auth0-sns-mfa:auth0:TenantSmsMfa$");
    for (const resource of run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"))
      expect(resource.name.startsWith(`${stack}`)).toBe(true);
  });

  test("creates a dedicated IAM user named and tagged for the stack, its policy and one access key", async () => {
    const run = await program();
    const user = run.one(IAM_USER).inputs;
    expect(user.name).toBe(`auth0-sms-sender-${stack}`);
    expect(user.path).toBe(`/auth0-sns-mfa/${stack}/`);
    expect(user.tags).toMatchObject({ Project: "auth0-sns-mfa", Stack: stack });
    expect(run.one(IAM_USER_POLICY).inputs.user).toBe(user.name);
    expect(run.one(ACCESS_KEY).inputs.user).toBe(user.name);
    expect(run.ofType("aws:iam/policyAttachment:PolicyAttachment")).toEqual([]);
    expect(run.ofType("aws:iam/userPolicyAttachment:UserPolicyAttachment")).toEqual([]);
  });

  test("deploys the sender as a node22 Action on the experience's trigger, at its current version", async () => {
    const run = await program();
    const action = run.one(ACTION).inputs;
    const trigger = TRIGGER[experience];
    expect(action).toMatchObject({
      runtime: "node22",
      deploy: true,
      supportedTriggers: { id: trigger, version: TRIGGER_VERSIONS[trigger as keyof typeof TRIGGER_VERSIONS] },
    });
    expect(action.name).toBe(`sns-sms-sender-${stack}-${trigger}`);
    expect(String(action.code)).toContain(experience === "classic" ? "onExecuteSendPhoneMessage" : "onExecuteCustomPhoneProvider");
    expect(deployedSecrets(run).AWS_REGION).toBe(region);
  });

  test("binds exactly that Action, once, to its trigger, owning the whole binding list", async () => {
    const run = await program();
    expect(run.ofType("auth0:index/triggerAction:TriggerAction")).toEqual([]);
    const binding = run.one(TRIGGER_ACTIONS).inputs;
    const actionId = await idOf(run, ACTION);
    expect(binding).toEqual({ trigger: TRIGGER[experience], actions: [{ id: actionId, displayName: run.one(ACTION).inputs.name }] });
  });

  test("switches MFA SMS to the Action only after it is deployed and bound", async () => {
    const run = await program();
    const action = run.one(ACTION);
    const binding = run.one(TRIGGER_ACTIONS);
    expect(binding.dependencies).toContain(action.urn);
    const guardian = run.one(GUARDIAN);
    expect(guardian.dependencies).toEqual(expect.arrayContaining([action.urn, binding.urn]));
    if (experience === "unified") {
      const provider = run.one(PHONE_PROVIDER);
      expect(provider.dependencies).toEqual(expect.arrayContaining([action.urn, binding.urn]));
      expect(guardian.dependencies).toContain(provider.urn);
      for (const template of run.ofType(PHONE_TEMPLATE)) expect(template.dependencies).toContain(provider.urn);
    }
  });

  test("enables the phone factor for SMS only, routed the experience's way", async () => {
    const run = await program();
    const guardian = run.one(GUARDIAN).inputs;
    expect(guardian.policy).toBe("all-applications");
    if (experience === "classic") {
      expect(guardian.phone).toEqual({
        enabled: true,
        messageTypes: ["sms"],
        provider: "phone-message-hook",
        options: DEFAULT_MESSAGE_TEMPLATES.classic,
      });
      expect(run.ofType(PHONE_PROVIDER)).toEqual([]);
      expect(run.ofType(PHONE_TEMPLATE)).toEqual([]);
    } else {
      expect(guardian.phone).toEqual({ enabled: true, messageTypes: ["sms"] });
      expect(run.one(PHONE_PROVIDER).inputs).toEqual({
        name: "custom",
        disabled: false,
        configuration: { deliveryMethods: ["text"] },
        credentials: {},
      });
      const templates = run.ofType(PHONE_TEMPLATE).map((template) => template.inputs);
      expect(templates).toEqual([
        { type: "otp_enroll", disabled: false, content: { body: { text: DEFAULT_MESSAGE_TEMPLATES.unified.enrollmentMessage } } },
        { type: "otp_verify", disabled: false, content: { body: { text: DEFAULT_MESSAGE_TEMPLATES.unified.verificationMessage } } },
      ]);
    }
  });

  test("sets every other factor as configured, the off ones explicitly (defaults: OTP and recovery codes on)", async () => {
    const guardian = (await program()).one(GUARDIAN).inputs;
    expect(guardian).toMatchObject({
      otp: true,
      recoveryCode: true,
      email: false,
      webauthnRoaming: { enabled: false },
      webauthnPlatform: { enabled: false },
      duo: { enabled: false },
      push: { enabled: false },
    });
  });

  test(stack === "prod" ? "protects the long-lived resources, never the rotating key" : "protects nothing", async () => {
    const run = await program();
    const longLived = [
      IAM_USER,
      IAM_USER_POLICY,
      ACTION,
      TRIGGER_ACTIONS,
      GUARDIAN,
      ...(experience === "unified" ? [PHONE_PROVIDER, PHONE_TEMPLATE] : []),
    ];
    for (const type of longLived) {
      for (const resource of run.ofType(type)) expect(resource.opts.protect ?? false, `${type} ${resource.name}`).toBe(stack === "prod");
    }
    expect(run.one(ACCESS_KEY).opts.protect ?? false).toBe(false);
  });

  test("exports the outputs an operator needs", async () => {
    const run = await program();
    const { outputs } = run;
    expect(outputs.phoneExperience).toBe(experience);
    expect(outputs.region).toBe(region);
    expect(await settled(outputs.senderUserArn)).toBe(`arn:aws:iam::123456789012:user/auth0-sns-mfa/${stack}/auth0-sms-sender-${stack}`);
    expect(await settled(outputs.accessKeyId)).toBe(await idOf(run, ACCESS_KEY));
    expect(await settled(outputs.actionId)).toBe(await idOf(run, ACTION));
    expect(await settled(outputs.actionName)).toBe(run.one(ACTION).inputs.name);
    expect(outputs.allowedCountries).toEqual(stack === "prod" ? readStackFile("prod")["auth0-sns-mfa:allowedCountries"] : []);
  });
});

describe("configuration reaches the resources", () => {
  test("other MFA factors and the policy follow the stack config", async () => {
    const run = await runProgram({
      stack: "dev",
      overrides: {
        mfaPolicy: "confidence-score",
        factorOtp: false,
        factorEmail: true,
        factorWebauthnRoaming: true,
        factorWebauthnPlatform: true,
        factorPush: true,
      },
    });
    expect(run.one(GUARDIAN).inputs).toMatchObject({
      policy: "confidence-score",
      otp: false,
      email: true,
      recoveryCode: true,
      webauthnRoaming: { enabled: true },
      webauthnPlatform: { enabled: true },
      push: { enabled: true, provider: "guardian" },
    });
  });

  test("custom texts reach Guardian (classic) and the phone templates (unified)", async () => {
    const texts = { enrollmentMessage: "Acme enrollment code: {{code}}", verificationMessage: "Acme code: {{ code }}" };
    const classic = await runProgram({ stack: "dev", overrides: { ...texts, phoneExperience: "classic" } });
    expect(classic.one(GUARDIAN).inputs.phone).toMatchObject({ options: texts });
    const unified = await runProgram({ stack: "dev", overrides: { ...texts, phoneExperience: "unified" } });
    expect(unified.ofType(PHONE_TEMPLATE).map((template) => (template.inputs.content as { body: { text: string } }).body.text)).toEqual([
      texts.enrollmentMessage,
      texts.verificationMessage,
    ]);
  });

  test("optional sender settings become the Action's optional secrets; unset ones are absent", async () => {
    const bare = deployedSecrets(await runProgram({ stack: "dev" }));
    expect(Object.keys(bare).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_REGION", "AWS_SECRET_ACCESS_KEY"]);
    const full = deployedSecrets(
      await runProgram({
        stack: "dev",
        overrides: { allowedCountries: ["us", "GB"], senderId: "Acme", originationNumber: "+12065550100", maxPriceUsd: "0.25" },
      }),
    );
    expect(full).toMatchObject({
      ALLOWED_COUNTRIES: "US,GB",
      SMS_SENDER_ID: "Acme",
      SMS_ORIGINATION_NUMBER: "+12065550100",
      SMS_MAX_PRICE_USD: "0.25",
    });
    expect(full.SNS_ENDPOINT).toBeUndefined();
  });

  test("an invalid configuration stops the program before anything is registered or built", async () => {
    const registered: string[] = [];
    let builds = 0;
    const failure = runProgram({
      stack: "prod",
      overrides: { accessKeyGeneration: 0, mfaPolicy: "sometimes" },
      onRegister: (type) => registered.push(type),
      build: () => {
        builds += 1;
        throw new Error("must not build");
      },
    });
    await expect(failure).rejects.toThrow(/^Invalid stack configuration \(2 problems\):/);
    await expect(failure).rejects.toThrow(/\naccessKeyGeneration: must be a positive integer/);
    await expect(failure).rejects.toThrow(/\nmfaPolicy: unknown value "sometimes"/);
    expect(registered).toEqual([]);
    expect(builds).toBe(0);
  });
});
