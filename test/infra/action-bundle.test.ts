import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ACTION_TRIGGERS,
  BUNDLED_SUBSETS,
  buildAction,
  HANDLER_NAMES,
  lockedVersions,
  MAX_ACTION_CODE_BYTES,
  npmPackageOf,
  TRIGGER_VERSIONS,
  type ActionTrigger,
  type BuiltAction,
} from "../../infra/auth0/action-bundle";
import { writeActions } from "../../tools/build-actions";
import { loadAction } from "../../tools/kit/load-action";
import { REPO_ROOT } from "../../tools/command";
import { customPhoneProviderEvent, sendPhoneMessageEvent } from "../../tools/kit/simulated-events";
import { NUMBERS, VALID_SECRETS } from "../hook/fixtures";

const built = new Map<ActionTrigger, BuiltAction>();

beforeAll(async () => {
  for (const trigger of ACTION_TRIGGERS) built.set(trigger, await buildAction(trigger));
});

function action(trigger: ActionTrigger): BuiltAction {
  const result = built.get(trigger);
  if (result === undefined) throw new Error(`${trigger} was not built`);
  return result;
}

async function lockfileVersion(name: string): Promise<string | undefined> {
  const lock = JSON.parse(await readFile(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  return lock.packages[`node_modules/${name}`]?.version;
}

function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? "");
}

describe.each(ACTION_TRIGGERS)("the %s bundle", (trigger) => {
  it("is CommonJS within Auth0's size limit, exporting the trigger's handler", () => {
    const { code, handlerName } = action(trigger);
    expect(handlerName).toBe(HANDLER_NAMES[trigger]);
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(MAX_ACTION_CODE_BYTES);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const exports = loadAction(code);
    expect(Object.keys(exports)).toEqual([handlerName]);
    expect(exports[handlerName]).toBeTypeOf("function");
  });

  it("declares every npm module it requires, at the lockfile's exact version", async () => {
    const { code, dependencies } = action(trigger);
    const packages = new Set(
      requiredModules(code)
        .map(npmPackageOf)
        .filter((name) => name !== undefined),
    );
    expect(dependencies.map((d) => d.name).sort()).toEqual([...packages].sort());
    expect(packages).toContain("@aws-sdk/client-sns");
    for (const dependency of dependencies) expect(dependency.version).toBe(await lockfileVersion(dependency.name));
  });

  it("has the libphonenumber-js functions compiled in and requires only its metadata JSON", () => {
    const phoneModules = requiredModules(action(trigger).code).filter((m) => m.startsWith("libphonenumber-js"));
    expect(phoneModules).toEqual(["libphonenumber-js/metadata.min.json"]);
    for (const bundled of Object.keys(BUNDLED_SUBSETS)) expect(requiredModules(action(trigger).code)).not.toContain(bundled);
  });

  it("requires nothing else but Node built-ins", () => {
    const { code, dependencies } = action(trigger);
    const declared = new Set(dependencies.map((d) => d.name));
    const builtins = new Set(builtinModules);
    for (const module of requiredModules(code)) {
      const name = npmPackageOf(module);
      expect(name === undefined ? builtins.has(module.replace(/^node:/, "")) : declared.has(name), module).toBe(true);
    }
  });
});

describe("loaded bundles", () => {
  const sns = mockClient(SNSClient);

  afterAll(() => {
    sns.restore();
  });

  it("send through the SDK they require, each load with its own client", async () => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: "bundle-msg", $metadata: { attempts: 1 } });
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const first = loadAction(action("send-phone-message").code);
    const second = loadAction(action("custom-phone-provider").code);
    const smsEvent = sendPhoneMessageEvent({ recipient: NUMBERS.US, secrets: VALID_SECRETS });
    const upeEvent = customPhoneProviderEvent({ recipient: NUMBERS.CA, secrets: VALID_SECRETS });
    await (first.onExecuteSendPhoneMessage as (e: unknown, a: unknown) => Promise<void>)(smsEvent, {});
    await (second.onExecuteCustomPhoneProvider as (e: unknown, a: unknown) => Promise<void>)(upeEvent, {});
    log.mockRestore();
    const calls = sns.commandCalls(PublishCommand);
    expect(calls.map((call) => call.args[0].input.PhoneNumber)).toEqual([NUMBERS.US, NUMBERS.CA]);
    expect(calls[0]?.thisValue).not.toBe(calls[1]?.thisValue);
  });
});

describe("a loaded bundle with ALLOWED_COUNTRIES", () => {
  const sns = mockClient(SNSClient);

  afterAll(() => {
    sns.restore();
  });

  it("tells Jamaica from the US with the compiled-in phone code", async () => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: "bundle-msg", $metadata: { attempts: 1 } });
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const handler = loadAction(action("send-phone-message").code).onExecuteSendPhoneMessage as (e: unknown, a: unknown) => Promise<void>;
    const secrets = { ...VALID_SECRETS, ALLOWED_COUNTRIES: "US,CA" };
    const jamaica = handler(sendPhoneMessageEvent({ recipient: NUMBERS.JM, secrets }), {});
    await expect(jamaica).rejects.toMatchObject({ name: "SendRefusedError", reason: "country-not-allowed" });
    await handler(sendPhoneMessageEvent({ recipient: NUMBERS.CA, secrets }), {});
    log.mockRestore();
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input.PhoneNumber)).toEqual([NUMBERS.CA]);
  });
});

describe("TRIGGER_VERSIONS", () => {
  it("names the current version of each trigger", () => {
    expect(TRIGGER_VERSIONS).toEqual({ "send-phone-message": "v2", "custom-phone-provider": "v1" });
  });
});

describe("writeActions", () => {
  it("writes <trigger>.js for every Action, the same code buildAction returns", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "actions-"));
    try {
      const written = await writeActions(dir);
      expect(written.map((a) => a.trigger)).toEqual([...ACTION_TRIGGERS]);
      for (const trigger of ACTION_TRIGGERS) {
        expect(await readFile(path.join(dir, `${trigger}.js`), "utf8")).toBe(action(trigger).code);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("buildAction", () => {
  it("refuses an unknown trigger", async () => {
    await expect(buildAction("post-login" as ActionTrigger)).rejects.toThrow('Unknown Action trigger "post-login"');
  });
});

describe("lockedVersions", () => {
  it("fails loudly, naming the package, when the lockfile lacks it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lock-"));
    const lockfile = path.join(dir, "package-lock.json");
    await writeFile(lockfile, JSON.stringify({ packages: { "node_modules/@aws-sdk/client-sns": { version: "3.1.0" } } }));
    try {
      expect(lockedVersions(["@aws-sdk/client-sns"], lockfile)).toEqual([{ name: "@aws-sdk/client-sns", version: "3.1.0" }]);
      expect(() => lockedVersions(["@aws-sdk/client-sns", "left-pad"], lockfile)).toThrow(/left-pad is not in/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("npmPackageOf", () => {
  it.each([
    ["@aws-sdk/client-sns", "@aws-sdk/client-sns"],
    ["libphonenumber-js/core", "libphonenumber-js"],
    ["libphonenumber-js/metadata.min.json", "libphonenumber-js"],
    ["node:https", undefined],
    ["crypto", undefined],
    ["fs/promises", undefined],
  ])("%s → %s", (importPath, name) => {
    expect(npmPackageOf(importPath)).toBe(name);
  });
});
