/**
 * docs/component.md lists exactly the arguments and outputs SmsMfa exposes, each with the meaning
 * and default of its doc comment in infra/sms-mfa.ts (read with the TypeScript compiler API).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

interface Documented {
  name: string;
  optional: boolean;
  meaning: string;
  default: string;
}

function docOf(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .map((doc) => (typeof doc.comment === "string" ? doc.comment : ""))
    .join(" ")
    .trim();
}

/** SmsMfaArgs' members and SmsMfa's public readonly properties, with their doc comments. */
function componentSurface(): { args: Documented[]; outputs: Documented[] } {
  const source = ts.createSourceFile("sms-mfa.ts", readFileSync(path.join(ROOT, "infra/sms-mfa.ts"), "utf8"), ts.ScriptTarget.Latest, true);
  const args: Documented[] = [];
  const outputs: Documented[] = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "SmsMfaArgs") {
      for (const member of node.members) {
        const [meaning = "", fallback = ""] = docOf(member).split(" Default: ");
        args.push({
          name: member.name?.getText(source) ?? "",
          optional: member.questionToken !== undefined,
          meaning,
          default: fallback.replace(/\.$/, ""),
        });
      }
    }
    if (ts.isClassDeclaration(node) && node.name?.text === "SmsMfa") {
      for (const member of node.members) {
        const isPrivate = ts.getCombinedModifierFlags(member as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
        if (ts.isPropertyDeclaration(member) && !isPrivate)
          outputs.push({ name: member.name.getText(source), optional: false, meaning: docOf(member), default: "" });
      }
    }
  });
  return { args, outputs };
}

/** The rows of the table under a `## heading` of docs/component.md, as cells without backticks. */
function tableUnder(heading: string): string[][] {
  const doc = readFileSync(path.join(ROOT, "docs/component.md"), "utf8");
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

test("every argument is documented in infra/sms-mfa.ts with a meaning and a default", () => {
  const { args } = componentSurface();
  expect(args.length).toBeGreaterThan(10);
  for (const arg of args) {
    expect(arg.meaning, arg.name).not.toBe("");
    expect(arg.default, `${arg.name}: its doc comment ends with "Default: …"`).not.toBe("");
  }
});

test("docs/component.md lists exactly those arguments, with their meaning and default", () => {
  const { args } = componentSurface();
  expect(tableUnder("Arguments")).toEqual(
    args.map((arg) => [`\`${arg.name}\``, arg.optional ? "optional" : "required", arg.meaning, arg.default]),
  );
});

test("docs/component.md lists exactly the outputs, with their meaning", () => {
  const { outputs } = componentSurface();
  expect(outputs.map((output) => output.name)).toContain("actionName");
  for (const output of outputs) expect(output.meaning, output.name).not.toBe("");
  expect(tableUnder("Outputs")).toEqual(outputs.map((output) => [`\`${output.name}\``, output.meaning]));
});
