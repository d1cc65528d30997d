/**
 * `npm run rotate-key`: the pure rotation logic, and the tool run against a fake `pulumi` that records
 * its arguments (no Pulumi CLI exists here), as an operator would see it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isKeyNotSet, nextGeneration, parseGeneration, rotationPlan } from "../../tools/access-key-generation";
import { rotateKey } from "../../tools/rotate-key";
import { createFakePulumi, type FakePulumi, type FakeReply } from "./fake-pulumi";
import { REPO_ROOT } from "../../tools/command";

const NOT_FOUND = "error: configuration key 'accessKeyGeneration' not found for stack 'prod'\n";

describe("the rotation logic", () => {
  it("reads the generation the CLI prints and refuses anything but a whole number ≥ 1, naming the key and stack", () => {
    expect(parseGeneration("3\n", "prod")).toBe(3);
    for (const bad of ["0", "-1", "two", "1.5", ""]) {
      expect(() => parseGeneration(bad, "prod")).toThrow(/accessKeyGeneration of stack prod is .* not a whole number ≥ 1/);
    }
  });

  it("counts up by one", () => {
    expect(nextGeneration(1)).toBe(2);
    expect(nextGeneration(41)).toBe(42);
    expect(() => nextGeneration(0)).toThrow(/accessKeyGeneration/);
  });

  it("tells an unset key from other CLI failures", () => {
    expect(isKeyNotSet(NOT_FOUND)).toBe(true);
    expect(isKeyNotSet("error: no stack named 'prod' found\n")).toBe(false);
  });

  it("explains the order of events: new key, Action updated, old key deleted, and the commands to run", () => {
    const plan = rotationPlan("prod", 4, 5);
    const create = plan.indexOf("creates access key generation 5");
    const update = plan.indexOf("updates the Auth0 Action's secrets");
    const remove = plan.indexOf("deletes access key generation 4");
    expect(create).toBeGreaterThan(-1);
    expect(update).toBeGreaterThan(create);
    expect(remove).toBeGreaterThan(update);
    expect(plan).toContain("pulumi up --stack prod");
    expect(plan).toContain("Pulumi.prod.yaml");
  });
});

describe("npm run rotate-key", () => {
  let fake: FakePulumi | undefined;
  afterEach(() => fake?.remove());

  async function run(argv: string[], replies: FakeReply[]): Promise<{ code: number; out: string; err: string; calls: string[][] }> {
    fake = createFakePulumi(replies);
    const out: string[] = [];
    const err: string[] = [];
    const code = await rotateKey(argv, {
      env: { PATH: process.env.PATH, PULUMI_BIN: fake.bin },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join("\n"), err: err.join("\n"), calls: fake.calls() };
  }

  it("bumps the stack's generation by one and explains the next step", async () => {
    const result = await run(
      ["--stack", "prod"],
      [{ args: ["config", "get", "accessKeyGeneration"], stdout: "2\n" }, { args: ["config", "set", "accessKeyGeneration"] }],
    );
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      ["config", "get", "accessKeyGeneration", "--stack", "prod"],
      ["config", "set", "accessKeyGeneration", "3", "--stack", "prod"],
    ]);
    expect(result.out).toMatch(/accessKeyGeneration of stack prod: 2 → 3/);
    expect(result.out).toMatch(/pulumi up --stack prod/);
  });

  it("starts from the default generation 1 when the stack does not set the key", async () => {
    const result = await run(["--stack=prod"], [{ args: ["config", "get"], stderr: NOT_FOUND, code: 255 }, { args: ["config", "set"] }]);
    expect(result.code).toBe(0);
    expect(result.calls[1]).toEqual(["config", "set", "accessKeyGeneration", "2", "--stack", "prod"]);
  });

  it("changes nothing when the current value is not a number", async () => {
    const result = await run(["--stack", "dev"], [{ args: ["config", "get"], stdout: "banana\n" }]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/accessKeyGeneration of stack dev is "banana"/);
    expect(result.calls.some((call) => call[1] === "set")).toBe(false);
  });

  it("reports the CLI's own error when it cannot read the stack, and changes nothing", async () => {
    const result = await run(
      ["--stack", "staging"],
      [{ args: ["config", "get"], stderr: "error: no stack named 'staging' found\n", code: 255 }],
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /pulumi config get accessKeyGeneration --stack staging` failed \(exit 255\):\nerror: no stack named 'staging' found/,
    );
    expect(result.calls).toHaveLength(1);
  });

  it("reports a failed write", async () => {
    const result = await run(
      ["--stack", "prod"],
      [
        { args: ["config", "get"], stdout: "1\n" },
        { args: ["config", "set"], stderr: "error: permission denied\n", code: 1 },
      ],
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/pulumi config set accessKeyGeneration 2 --stack prod` failed \(exit 1\)/);
    expect(result.out).toBe("");
  });

  it.each([
    [[], /Flag --stack is required/],
    [["--stack"], /Flag --stack needs a value/],
    [["--stack", "prod", "--force"], /Unknown flag --force/],
    [["--stack", "pr od"], /Flag --stack: "pr od" is not a Pulumi stack name/],
  ])("rejects %j with usage help and calls no CLI", async (argv, message) => {
    const result = await run(argv, []);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/Usage: npm run rotate-key -- --stack/);
    expect(result.calls).toEqual([]);
  });

  it("says what to install when there is no Pulumi CLI", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await rotateKey(["--stack", "prod"], {
      env: { PATH: "/nonexistent", PULUMI_BIN: "/nonexistent/pulumi" },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/The Pulumi CLI \(\/nonexistent\/pulumi\) could not be started: install the Pulumi CLI/);
  });

  it("works as the npm script (node with the TypeScript require hook, exit code, output)", () => {
    fake = createFakePulumi([{ args: ["config", "get"], stdout: "7\n" }, { args: ["config", "set"] }]);
    const root = REPO_ROOT;
    const result = spawnSync(
      process.execPath,
      ["--require", path.join(root, "tools", "typescript-require-hook.cjs"), "tools/rotate-key.ts", "--stack", "prod"],
      {
        cwd: root,
        env: { PATH: process.env.PATH, PULUMI_BIN: fake.bin },
        encoding: "utf8",
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/accessKeyGeneration of stack prod: 7 → 8/);
    expect(fake.calls()[1]).toEqual(["config", "set", "accessKeyGeneration", "8", "--stack", "prod"]);
  });
});
