/**
 * `npm run drift-summary`: the drift workflow's summary of `pulumi preview --refresh
 * --expect-no-changes --json`. The fixtures follow the JSON shape of Pulumi's preview digest
 * (pulumi/pulumi `pkg/display/json.go` `PreviewDigest`/`PreviewStep`/`PropertyDiff`, written by
 * `pkg/backend/display/json.go` `ShowPreviewDigest` with 4-space indentation): a preview after a refresh
 * lists the refresh's own `refresh` steps, then the planned steps with `diffReasons`, `replaceReasons`
 * and `detailedDiff`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, type ToolIo } from "../../tools/command";
import { driftReport, printDriftSummary } from "../../tools/drift-summary";

const FIXTURES = path.join(__dirname, "fixtures");
const DRIFTED = path.join(FIXTURES, "preview-refresh-drift.json");
const CLEAN = path.join(FIXTURES, "preview-refresh-clean.json");

function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: ToolIo = { env: {}, out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = printDriftSummary(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run drift-summary", () => {
  it("fails on a planned change, naming each resource, what would happen to it and each property that differs", () => {
    const { code, out } = run(["--stack", "prod", "--preview", DRIFTED]);
    expect(code).toBe(1);
    expect(out).toMatch(/^### Drift in stack prod\n/);
    expect(out).toContain("3 resources would change on `pulumi up --stack prod`");
    expect(out).toContain(
      "| `prod-mfa` | `auth0:index/guardian:Guardian` | update: differs from the program | `otp` (differs), `phone.enabled` (differs) |",
    );
    expect(out).toContain(
      "| `prod-send-phone-message-binding` | `auth0:index/triggerActions:TriggerActions` | create: missing: deleted outside Pulumi, or never deployed | — |",
    );
    // No detailedDiff: the property names come from replaceReasons and diffReasons.
    expect(out).toContain(
      "| `prod-sms-sender-policy` | `aws:iam/userPolicy:UserPolicy` | replace: would be replaced | `policy` (differs), `user` (differs, forces replacement) |",
    );
    expect(out).toContain("`pulumi up --stack prod`, or adopt the change");
  });

  it("does not count the refresh's own steps, the stack itself or unchanged resources as drift", () => {
    const report = driftReport("prod", readFileSync(DRIFTED, "utf8"));
    expect(report.resources.map((resource) => [resource.name, resource.op])).toEqual([
      ["prod-mfa", "update"],
      ["prod-send-phone-message-binding", "create"],
      ["prod-sms-sender-policy", "replace"],
    ]);
  });

  it("passes, and says so, when the refreshed stack matches the program", () => {
    const { code, out } = run(["--stack", "dev", "--preview", CLEAN]);
    expect(code).toBe(0);
    expect(out).toBe(
      "### No drift in stack dev\n\nEvery resource matches the program after a refresh (9 unchanged): `pulumi preview --refresh --expect-no-changes` plans no change.",
    );
  });

  it("fails, quoting the error, when the preview reported one", () => {
    const failed = JSON.stringify({
      diagnostics: [
        {
          severity: "error",
          message:
            "auth0:index/guardian:Guardian (prod-mfa):\n  error: 403 Forbidden: Insufficient scope, expected any of: read:guardian_factors\n",
        },
      ],
      changeSummary: {},
    });
    const report = driftReport("prod", failed);
    expect(report.outcome).toBe("failed");
    expect(report.markdown).toContain("### The drift check of stack prod failed");
    expect(report.markdown).toContain(
      "- auth0:index/guardian:Guardian (prod-mfa): error: 403 Forbidden: Insufficient scope, expected any of: read:guardian_factors",
    );
  });

  it.each([
    ["an empty file (pulumi stopped before planning)", "", /the preview wrote no JSON/],
    ["pulumi's text output instead of --json", "Previewing update (prod)\n", /not JSON .*expected the output of pulumi preview --json/],
    ["a step without an op", JSON.stringify({ steps: [{ urn: "urn:x" }] }), /steps must be a list of objects with op and urn/],
  ])("exits 2 on %s, saying what is wrong in the summary too", (_what, text, message) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = printDriftSummary(
      ["--stack", "prod", "--preview", "drift.json"],
      { env: {}, out: (line) => out.push(line), err: (line) => err.push(line) },
      () => text,
    );
    expect(code).toBe(2);
    expect(out.join("\n")).toMatch(/^### The drift check of stack prod failed\n\ndrift\.json: /);
    expect(err.join("\n")).toMatch(message);
  });

  it("exits 2 naming a missing file, and on usage errors", () => {
    expect(run(["--stack", "prod", "--preview", path.join(FIXTURES, "absent.json")]).err).toMatch(/absent\.json: no such file/);
    const usage = run(["--stack", "prod"]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("Flag --preview is required");
  });

  it("runs as the npm script the drift workflow calls, its exit status being the step's", () => {
    const result = spawnSync("npm", ["run", "--silent", "drift-summary", "--", "--stack", "prod", "--preview", DRIFTED], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^### Drift in stack prod\n/);
  });
});
