// Pulumi.yaml + Pulumi.<stack>.yaml → the PULUMI_CONFIG a program gets, as the Pulumi CLI builds it.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProjectFile, readProjectFile } from "../../infra/config/project-file";
import { buildProgramConfig, parseStackFile, readStackFile, secretPlaceholder, stackFilePath } from "../../infra/config/stack-file";
import { REPOSITORY_ROOT } from "./plan-command";

const PROJECT = parseProjectFile(
  [
    "name: demo",
    "runtime: nodejs",
    "config:",
    "  region: eu-west-1", // shorthand: a default for the project's own key
    "  aws:region: us-east-1", // shorthand: a fixed value for another namespace
    "  size: {type: integer, default: 2}",
    "  tags: {type: array, items: {type: string}, default: [a, b]}",
    "  name: {type: string}", // required: no default
    "  token: {type: string, secret: true}",
  ].join("\n"),
  "/project/Pulumi.yaml",
);

function configFor(stackYaml: string): { config: Record<string, string>; secretKeys: string[] } {
  const { environment } = buildProgramConfig(PROJECT, "dev", parseStackFile(stackYaml, "/project/Pulumi.dev.yaml"));
  return {
    config: JSON.parse(environment.PULUMI_CONFIG) as Record<string, string>,
    secretKeys: JSON.parse(environment.PULUMI_CONFIG_SECRET_KEYS) as string[],
  };
}

const REQUIRED = "config:\n  demo:name: app\n  demo:token:\n    secure: v1:CIPHERTEXT\n";

describe("stack configuration as the CLI passes it", () => {
  it("writes keys as <namespace>:config:<name>, stack values over project defaults, lists and maps as JSON", () => {
    const { config } = configFor(`${REQUIRED}  demo:tags: [x, y, z]\n  demo:limits: {daily: 5, alert: true}\n`);
    expect(config).toMatchObject({
      "demo:config:name": "app",
      "demo:config:region": "eu-west-1",
      "aws:config:region": "us-east-1",
      "demo:config:size": "2",
      "demo:config:tags": '["x","y","z"]',
      "demo:config:limits": '{"daily":5,"alert":true}',
    });
  });

  it("replaces each secure: value by a placeholder naming the key, and lists the key as secret", () => {
    const { config, secretKeys } = configFor(`${REQUIRED}  aws:accessKey:\n    secure: v1:OTHER\n`);
    expect(config["demo:config:token"]).toBe(secretPlaceholder("demo:token"));
    expect(secretKeys).toEqual(["aws:accessKey", "demo:token"]);
    expect(JSON.stringify(config)).not.toContain("CIPHERTEXT");
  });

  it("marks a map secret when one of its leaves is secure:", () => {
    const { config, secretKeys } = configFor(`${REQUIRED}  demo:db:\n    user: admin\n    password:\n      secure: v1:PW\n`);
    expect(JSON.parse(config["demo:config:db"] ?? "")).toEqual({ user: "admin", password: secretPlaceholder("demo:db") });
    expect(secretKeys).toContain("demo:db");
  });

  it("accepts the legacy <namespace>:config:<name> key form", () => {
    expect(configFor(`${REQUIRED}  aws:config:profile: ops\n`).config["aws:config:profile"]).toBe("ops");
  });

  it("names a key that is not <namespace>:<name>", () => {
    expect(() => configFor(`${REQUIRED}  profile: ops\n`)).toThrow(
      "Pulumi.dev.yaml: could not parse profile as a configuration key (configuration keys should be of the form `<namespace>:<name>`)",
    );
  });

  it("reports missing required keys, wrong types and unencrypted secrets in the CLI's words", () => {
    expect(() => configFor("config: {}\n")).toThrow("Stack 'dev' is missing configuration values 'name' and 'token'");
    expect(() => configFor(`${REQUIRED}  demo:size: two\n`)).toThrow("Stack 'dev' with configuration key 'size' must be of type 'integer'");
    expect(() => configFor(`${REQUIRED}  demo:tags: [1, [2]]\n`)).toThrow(
      "Stack 'dev' with configuration key 'tags' must be of type 'array<string>'",
    );
    expect(() => configFor("config:\n  demo:name: app\n  demo:token: plain\n")).toThrow(
      "Stack 'dev' with configuration key 'token' must be encrypted as it's secret",
    );
  });

  it("does not judge the type of an encrypted value it cannot decrypt (the CLI checks it after decrypting)", () => {
    const { config, secretKeys } = configFor(`${REQUIRED}  demo:size:\n    secure: v1:SIZE\n  demo:tags:\n    secure: v1:TAGS\n`);
    expect(config["demo:config:size"]).toBe(secretPlaceholder("demo:size"));
    expect(secretKeys).toEqual(expect.arrayContaining(["demo:size", "demo:tags", "demo:token"]));
  });

  it("reads the committed prod stack with the project's defaults filled in", () => {
    const project = readProjectFile(REPOSITORY_ROOT);
    const stack = readStackFile(stackFilePath(project, "prod"));
    expect(path.basename(stack.filePath)).toBe("Pulumi.prod.yaml");
    const { values, environment } = buildProgramConfig(project, "prod", stack);
    expect(values.get("auth0-sns-mfa:allowedCountries")).toEqual({ text: '["US","CA"]', secure: false, object: true });
    // Not set by the stack file: Pulumi.yaml's default.
    expect(values.get("auth0-sns-mfa:messageTypes")?.text).toBe('["sms"]');
    expect(JSON.parse(environment.PULUMI_CONFIG_SECRET_KEYS)).toEqual([]);
  });
});
