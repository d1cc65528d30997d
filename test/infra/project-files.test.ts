import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { PROJECT_NAME } from "../../infra/config/config-keys";
import { validateStackConfig } from "../../infra/config/validate-config";
import { REPO_ROOT, readProjectFile, readStackFile, stackConfiguration, type StackName } from "./stack-files";

const project = readProjectFile();

describe("Pulumi.yaml", () => {
  test("names the project, the TypeScript Node.js runtime and the program folder", () => {
    expect(project.name).toBe(PROJECT_NAME);
    expect(project.description?.length ?? 0).toBeGreaterThan(20);
    expect(project.runtime).toMatchObject({ name: "nodejs", options: { typescript: true } });
    expect(project.main).toBe("infra/");
    expect(existsSync(path.join(REPO_ROOT, "infra", "index.ts"))).toBe(true);
  });

  test("declared defaults pass validation on their own", () => {
    const defaults = Object.fromEntries(
      Object.entries(project.config ?? {}).map(([key, declared]) => [
        key,
        typeof declared.default === "string" ? declared.default : JSON.stringify(declared.default),
      ]),
    );
    expect(() => validateStackConfig({ stack: "any", region: "eu-west-1", values: defaults })).not.toThrow();
  });
});

/** What the Pulumi CLI checks before running: a value of each declared type. */
function matchesDeclaredType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    default:
      return false;
  }
}

describe.each<StackName>(["dev", "prod"])("Pulumi.%s.yaml", (stack) => {
  const values = readStackFile(stack);

  test("holds only the region and declared project keys, each of its declared type", () => {
    for (const [key, value] of Object.entries(values)) {
      if (key === "aws:region") {
        expect(typeof value).toBe("string");
        continue;
      }
      expect(key.startsWith(`${PROJECT_NAME}:`), key).toBe(true);
      const declared = project.config?.[key.slice(PROJECT_NAME.length + 1)];
      expect(declared, `${key} is declared in Pulumi.yaml`).toBeDefined();
      expect(matchesDeclaredType(value, declared?.type ?? ""), `${key} is a ${declared?.type}`).toBe(true);
    }
  });

  test("commits no secret and no credential", () => {
    const text = JSON.stringify(values);
    expect(text).not.toContain("secure");
    expect(Object.keys(values).filter((key) => key.startsWith("auth0:") || (key.startsWith("aws:") && key !== "aws:region"))).toEqual([]);
  });

  test("is a valid configuration for the program", () => {
    const config = stackConfiguration(stack);
    const prefix = `${PROJECT_NAME}:`;
    const projectValues = Object.fromEntries(
      Object.entries(config)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), value]),
    );
    expect(() => validateStackConfig({ stack, region: config["aws:region"], values: projectValues })).not.toThrow();
  });
});

test("production protects its resources and limits destination countries; staging does neither", () => {
  const prod = readStackFile("prod");
  const dev = readStackFile("dev");
  expect(prod[`${PROJECT_NAME}:protect`]).toBe(true);
  const countries = prod[`${PROJECT_NAME}:allowedCountries`];
  expect(Array.isArray(countries) && countries.length > 0 && countries.length <= 5).toBe(true);
  expect(dev[`${PROJECT_NAME}:protect`] ?? false).toBe(false);
  expect(dev[`${PROJECT_NAME}:allowedCountries`]).toBeUndefined();
});
