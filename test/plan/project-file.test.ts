// Pulumi.yaml as the CLI reads it: runtime options, config declarations, where the program lives.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { locateProgram, parseProjectFile, readProjectFile } from "../../infra/config/project-file";
import { makeTemporaryDirectory, REPOSITORY_ROOT } from "./plan-command";

const parse = (text: string) => parseProjectFile(text, "/project/Pulumi.yaml");

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("Pulumi.yaml", () => {
  it("defaults the Node.js runtime to TypeScript and reads its options", () => {
    expect(parse("name: a\nruntime: nodejs\n").runtimeOptions).toEqual({ typescript: true });
    const withOptions = parse("name: a\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    tsconfig: ../tsconfig.json\n");
    expect(withOptions.runtimeOptions).toEqual({ typescript: false, tsconfig: "../tsconfig.json" });
  });

  it("refuses what is not a Node.js project, or has no name", () => {
    expect(() => parse("name: a\nruntime: python\n")).toThrow("Pulumi.yaml: 'runtime' must be nodejs for this plan, got \"python\"");
    expect(() => parse("runtime: nodejs\n")).toThrow("Pulumi.yaml: project is missing a non-empty string 'name' attribute");
    expect(() => parse("name: [a\n")).toThrow(/^Pulumi\.yaml is not valid YAML/);
  });

  it("rewrites shorthand config as the CLI does: own keys get a default, other namespaces a value", () => {
    const project = parse("name: a\nruntime: nodejs\nconfig:\n  size: 3\n  a:colour: red\n  aws:region: eu-west-1\n");
    expect(project.config["size"]).toEqual({ default: 3, secret: false });
    expect(project.config["a:colour"]).toEqual({ default: "red", secret: false });
    expect(project.config["aws:region"]).toEqual({ value: "eu-west-1", secret: false });
  });

  it("rejects declarations the CLI rejects, naming the key", () => {
    const bad = (config: string) => () => parse(`name: a\nruntime: nodejs\nconfig:\n${config}`);
    expect(bad("  list: {type: array}\n")).toThrow(
      "The configuration key 'list' declares an array but does not specify the underlying type via the 'items' attribute",
    );
    expect(bad("  size: {type: integer, default: big}\n")).toThrow(
      "The default value specified for configuration key 'size' is not of the expected type 'integer'",
    );
    expect(bad("  aws:region: {type: string, value: x}\n")).toThrow(
      "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
    );
    expect(bad("  aws:region: {default: x}\n")).toThrow("Did you mean to use the 'value' attribute instead of 'default'?");
    expect(bad("  size: {default: 1, value: 2}\n")).toThrow("project config 'size' cannot have both a 'default' and 'value' attribute");
  });

  it("locates the program like the CLI: a main folder becomes the working directory, a main file its folder", () => {
    const project = readProjectFile(REPOSITORY_ROOT);
    expect(locateProgram(project)).toEqual({ programDirectory: path.join(REPOSITORY_ROOT, "infra"), entryPoint: "." });

    const temporary = makeTemporaryDirectory("plan-main");
    cleanups.push(temporary.remove);
    fs.mkdirSync(path.join(temporary.directory, "src"));
    fs.writeFileSync(path.join(temporary.directory, "src", "main.ts"), "");
    const at = (main?: string) =>
      locateProgram({ ...project, rootDirectory: temporary.directory, ...(main === undefined ? { main: "" } : { main }) });
    expect(at("src/main.ts")).toEqual({ programDirectory: path.join(temporary.directory, "src"), entryPoint: "main.ts" });
    expect(at()).toEqual({ programDirectory: temporary.directory, entryPoint: "." });
    expect(() => at("../elsewhere")).toThrow("project 'main' must be a subfolder of the project");
    expect(() => at("missing/")).toThrow("project 'main' could not be read");
  });
});
