// The plan command's arguments, the policy documents it computes offline, and how program errors read.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { policyDocumentJson } from "../../plan/invoke-answers";
import { parsePlanArguments } from "../../plan/plan-cli";
import { cleanProgramError } from "../../plan/program-errors";
import { programCommandLine, splitNodeArgs } from "../../plan/run-program";

describe("plan arguments", () => {
  it("defaults to the dev stack in the current folder", () => {
    expect(parsePlanArguments([], "/repo")).toEqual({
      stack: "dev",
      json: false,
      mermaid: false,
      projectDirectory: "/repo",
      verbose: false,
      timeoutSeconds: 120,
    });
  });

  it("reads --stack, --json, --cwd, --stack-file in both spellings", () => {
    expect(parsePlanArguments(["--stack=prod", "--json", "-C", "sub", "--stack-file", "x.yaml"], "/repo")).toMatchObject({
      stack: "prod",
      json: true,
      projectDirectory: path.resolve("/repo/sub"),
      stackFile: path.resolve("/repo/x.yaml"),
    });
  });

  it("names the argument that is wrong", () => {
    expect(() => parsePlanArguments(["--stack"], "/repo")).toThrow("--stack needs a value");
    expect(() => parsePlanArguments(["--stack", "my stack"], "/repo")).toThrow('Flag --stack: "my stack" is not a Pulumi stack name');
    expect(() => parsePlanArguments(["--stack", "../etc"], "/repo")).toThrow("give the stack's short name");
    expect(() => parsePlanArguments(["--stack", "acme/app/dev"], "/repo")).toThrow("give the stack's short name");
    expect(parsePlanArguments(["--tenant-phone-consolidated-experience", "off"], "/repo")).toMatchObject({
      tenantPhoneConsolidatedExperience: "off",
    });
    expect(() => parsePlanArguments(["--tenant-phone-consolidated-experience=yes"], "/repo")).toThrow(
      'Flag --tenant-phone-consolidated-experience: "yes" is not on, off or unset',
    );
    expect(parsePlanArguments(["--mermaid"], "/repo")).toMatchObject({ mermaid: true, json: false });
    expect(() => parsePlanArguments(["--json", "--mermaid"], "/repo")).toThrow("Flags --json and --mermaid print different things");
    expect(() => parsePlanArguments(["--timeout", "soon"], "/repo")).toThrow("--timeout must be a positive number of seconds");
    expect(() => parsePlanArguments(["--stak", "dev"], "/repo")).toThrow("Unknown flag --stak");
    expect(parsePlanArguments(["-h"], "/repo")).toBe("help");
  });
});

describe("the program's command line", () => {
  it("is the one the Node.js language host builds, entry point last", () => {
    const args = programCommandLine(
      {
        monitorAddress: "127.0.0.1:1",
        engineAddress: "127.0.0.1:1",
        project: "demo",
        stack: "dev",
        rootDirectory: "/repo",
        location: { programDirectory: "/repo/infra", entryPoint: "." },
        runtimeOptions: { typescript: true, nodeargs: "--max-old-space-size=4096 --enable-source-maps" },
        config: { PULUMI_CONFIG: "{}", PULUMI_CONFIG_SECRET_KEYS: "[]" },
        baseEnvironment: {},
        timeoutMs: 1000,
      },
      "/repo/node_modules/@pulumi/pulumi/cmd/run/index.js",
    );
    expect(args).toEqual([
      "--max-old-space-size=4096",
      "--enable-source-maps",
      "/repo/node_modules/@pulumi/pulumi/cmd/run/index.js",
      "--monitor=127.0.0.1:1",
      "--engine=127.0.0.1:1",
      "--organization=organization",
      "--project=demo",
      "--root-directory=/repo",
      "--stack=dev",
      "--pwd=/repo/infra",
      "--dry-run",
      "--parallel=16",
      ".",
    ]);
    expect(splitNodeArgs(`--title "a b" 'c d'`)).toEqual(["--title", "a b", "c d"]);
  });
});

describe("program errors", () => {
  it("keep the program's message and drop the runner's preface, colours and stack frames", () => {
    const reported = [
      "Running program '/repo/infra/' failed with an unhandled exception:",
      "\u001b[31mStackConfigError: Invalid stack configuration (1 problem):",
      'phoneExperience: unknown value "sometimes"\u001b[39m',
      "    at validateStackConfig (/repo/infra/validate-config.ts:243:41)",
      "    at Module._compile (node:internal/modules/cjs/loader:1521:14) {",
      "  problems: [ 'phoneExperience: unknown value \"sometimes\"' ]",
      "}",
    ].join("\n");
    expect(cleanProgramError(reported, false)).toBe(
      'StackConfigError: Invalid stack configuration (1 problem):\nphoneExperience: unknown value "sometimes"',
    );
    expect(cleanProgramError(reported, true)).toContain("at validateStackConfig");
    expect(cleanProgramError("Running program 'x' failed with an unhandled exception:\nError: boom\n    at f (x.ts:1:1)", false)).toBe(
      "boom",
    );
  });
});

describe("policy documents computed offline", () => {
  it("render statements as the AWS provider does: one-item lists as strings, conditions by operator", () => {
    const json = policyDocumentJson({
      statements: [
        {
          sid: "Sms",
          actions: ["sns:Publish"],
          notResources: ["arn:aws:sns:*:*:*"],
          conditions: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: ["us-east-1"] }],
        },
        {
          effect: "Deny",
          actions: ["sns:CreateTopic", "sns:Subscribe"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: ["*"] }],
        },
      ],
    });
    expect(JSON.parse(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Sms",
          Effect: "Allow",
          Action: "sns:Publish",
          NotResource: "arn:aws:sns:*:*:*",
          Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        },
        { Effect: "Deny", Action: ["sns:CreateTopic", "sns:Subscribe"], Resource: "*", Principal: { AWS: "*" } },
      ],
    });
  });
});
