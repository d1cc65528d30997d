/**
 * What a rotation looks like to the engine: raising accessKeyGeneration renames the key, so
 * `pulumi up` creates the new key, updates the Action that depends on it, and deletes the old key
 * last (the old URN is gone from the program). Nothing else changes identity.
 */
import type { CustomResourceOptions } from "@pulumi/pulumi";
import { beforeAll, expect, test } from "vitest";
import {
  ACCESS_KEY,
  ACTION,
  GUARDIAN,
  IAM_USER,
  IAM_USER_POLICY,
  TRIGGER_ACTIONS,
  deployedSecrets,
  idOf,
  runProgram,
  type ProgramRun,
} from "./run-program";

let before: ProgramRun;
let after: ProgramRun;

beforeAll(async () => {
  // The same stack file, one generation apart (Pulumi.prod.yaml sets generation 1).
  before = await runProgram({ stack: "prod" });
  after = await runProgram({ stack: "prod", overrides: { accessKeyGeneration: 2 } });
});

test("the access key gets a new logical name and URN", () => {
  const oldKey = before.one(ACCESS_KEY);
  const newKey = after.one(ACCESS_KEY);
  // Children of the SmsMfa named after the stack.
  expect(oldKey.name).toBe("prod-sms-sender-key-gen1");
  expect(newKey.name).toBe("prod-sms-sender-key-gen2");
  expect(newKey.urn).not.toBe(oldKey.urn);
  expect(after.resources.map((resource) => resource.urn)).not.toContain(oldKey.urn);
});

test("the user, its policy, the Action, its binding and the MFA settings keep their identity and inputs", () => {
  for (const type of [IAM_USER, IAM_USER_POLICY, ACTION, TRIGGER_ACTIONS, GUARDIAN]) {
    expect(after.one(type).urn, type).toBe(before.one(type).urn);
  }
  for (const type of [IAM_USER, IAM_USER_POLICY, GUARDIAN]) {
    expect(after.one(type).inputs, type).toEqual(before.one(type).inputs);
  }
  expect(after.one(ACTION).inputs.code).toBe(before.one(ACTION).inputs.code);
});

test("the Action's secrets come from, and depend on, the new key", async () => {
  const newKey = after.one(ACCESS_KEY);
  expect(after.one(ACTION).dependencies).toContain(newKey.urn);
  expect(after.one(ACTION).dependencies).not.toContain(before.one(ACCESS_KEY).urn);
  const oldSecrets = deployedSecrets(before);
  const newSecrets = deployedSecrets(after);
  expect(newSecrets.AWS_ACCESS_KEY_ID).toBe(await idOf(after, ACCESS_KEY));
  expect(newSecrets.AWS_ACCESS_KEY_ID).not.toBe(oldSecrets.AWS_ACCESS_KEY_ID);
  expect(newSecrets.AWS_SECRET_ACCESS_KEY).not.toBe(oldSecrets.AWS_SECRET_ACCESS_KEY);
  expect(await after.outputs.accessKeyGeneration).toBe(2);
});

test("the key is replaced create-before-delete and is never protected, even in production", () => {
  const key = after.one(ACCESS_KEY);
  expect((key.opts as CustomResourceOptions).deleteBeforeReplace ?? false).toBe(false);
  expect(key.opts.protect ?? false).toBe(false);
  expect(after.one(IAM_USER).opts.protect).toBe(true);
});

test("a new key is only created once the user's publish-only policy exists", () => {
  expect(after.one(ACCESS_KEY).dependencies).toContain(after.one(IAM_USER_POLICY).urn);
});
