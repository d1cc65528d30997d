// The lint rule that keeps hook/ to what ships to Auth0: the project's own ESLint configuration,
// run through ESLint's Node API on code placed (virtually) in hook/ and hook/actions/.
// Rules: https://eslint.org/docs/latest/rules/no-restricted-imports, https://eslint.org/docs/latest/rules/no-restricted-syntax
import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";

const eslint = new ESLint({ cwd: REPO_ROOT });

/** The messages of the boundary rules for `code` as if it were the file `file` (relative to the repository). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-imports" || message.ruleId === "no-restricted-syntax")
    .map((message) => message.message);
}

describe("hook/ keeps to what ships to Auth0", () => {
  it.each([
    ["build tooling", "hook/x.ts", 'import { build } from "esbuild";\nexport const b = build;\n', /build tooling/],
    ["the file system", "hook/x.ts", 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n', /no file system/],
    ["the file system, promises", "hook/x.ts", 'import { readFile } from "fs/promises";\nexport const r = readFile;\n', /no file system/],
    ["child processes", "hook/x.ts", 'import { spawn } from "node:child_process";\nexport const s = spawn;\n', /no child processes/],
    [
      "the file system by require()",
      "hook/x.ts",
      'export const fs: unknown = require("fs");\n',
      /no build tooling, file system or child processes/,
    ],
    [
      "child processes by import()",
      "hook/x.ts",
      'export const cp = import("child_process");\n',
      /no build tooling, file system or child processes/,
    ],
    [
      "the Pulumi program",
      "hook/x.ts",
      'import type { StackConfig } from "../infra/stack-config-types";\nexport type C = StackConfig;\n',
      /no imports from other folders/,
    ],
    [
      "the test kit",
      "hook/x.ts",
      'import { loadAction } from "../tools/kit/load-action";\nexport const l = loadAction;\n',
      /no imports from other folders/,
    ],
    [
      "another folder, by require()",
      "hook/x.ts",
      'export const t: unknown = require("../test/hook/fixtures");\n',
      /no imports from other folders/,
    ],
    [
      "an Action importing from outside hook/",
      "hook/actions/x.ts",
      'import { REPO_ROOT } from "../../tools/command";\nexport const r = REPO_ROOT;\n',
      /no imports from other folders/,
    ],
    [
      "an Action importing Pulumi",
      "hook/actions/x.ts",
      'import * as pulumi from "@pulumi/pulumi";\nexport const p = pulumi;\n',
      /no deploy or test tooling/,
    ],
  ])("refuses %s", async (_what, file, code, message) => {
    const messages = await boundaryMessages(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join("\n")).toMatch(message);
  });

  it("lets the sender use its own modules, the SNS client and Node's network modules", async () => {
    expect(
      await boundaryMessages(
        "hook/x.ts",
        'import { SNSClient } from "@aws-sdk/client-sns";\nimport https from "node:https";\nimport { maskPhoneNumber } from "./phone-number";\nexport const all = [SNSClient, https, maskPhoneNumber];\n',
      ),
    ).toEqual([]);
    expect(await boundaryMessages("hook/actions/x.ts", 'import { sendSms } from "../send-sms";\nexport const s = sendSms;\n')).toEqual([]);
  });

  it("leaves the other folders free to use them", async () => {
    expect(
      await boundaryMessages(
        "infra/x.ts",
        'import { build } from "esbuild";\nimport { readFileSync } from "node:fs";\nexport const all = [build, readFileSync];\n',
      ),
    ).toEqual([]);
  });
});
