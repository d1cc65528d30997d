// The layers point one way (docs/architecture.md): hook/ <- infra/ <- tools/ <- plan/, bench/. The
// project's own ESLint configuration, run through ESLint's Node API on imports planted (virtually) in
// each folder, at each depth. Rule: https://eslint.org/docs/latest/rules/no-restricted-imports
import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";

const eslint = new ESLint({ cwd: REPO_ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("imports point down the layers", () => {
  it.each([
    ["infra/x.ts", 'import { REPO_ROOT } from "../tools/command";\nexport const r = REPO_ROOT;\n', "infra/", "tools/"],
    ["infra/auth0/x.ts", 'import { createPlan } from "../../plan/create-plan";\nexport const c = createPlan;\n', "infra/", "plan/"],
    ["infra/aws/x.ts", 'import type { Plan } from "../../plan/plan-model";\nexport type P = Plan;\n', "infra/", "plan/"],
    [
      "infra/config/x.ts",
      'import { startLocalSnsEndpoint } from "../../test/support/x";\nexport const s = startLocalSnsEndpoint;\n',
      "infra/",
      "test/",
    ],
    ["infra/x.ts", 'export { median } from "../bench/statistics";\n', "infra/", "bench/"],
    ["tools/x.ts", 'import { createPlan } from "../plan/create-plan";\nexport const c = createPlan;\n', "tools/", "plan/"],
    ["tools/doctor/x.ts", 'import { createPlan } from "../../plan/create-plan";\nexport const c = createPlan;\n', "tools/", "plan/"],
    ["plan/x.ts", 'import { median } from "../bench/statistics";\nexport const m = median;\n', "plan/", "bench/"],
    ["bench/x.ts", 'import { createPlan } from "../plan/create-plan";\nexport const c = createPlan;\n', "bench/", "plan/"],
  ])("refuses an upward import in %s", async (file, code, layer, above) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${layer} builds only on the layers below it`);
    expect(messages[0]).toContain(above);
  });

  it.each([
    ["infra/x.ts", 'import { sendSms } from "../hook/send-sms";\nexport const s = sendSms;\n'],
    ["infra/auth0/x.ts", 'import { PROJECT_NAME } from "../config/config-keys";\nexport const p = PROJECT_NAME;\n'],
    ["tools/doctor/x.ts", 'import { PROJECT_NAME } from "../../infra/config/config-keys";\nexport const p = PROJECT_NAME;\n'],
    ["plan/x.ts", 'import { parseFlags } from "../tools/command";\nexport const p = parseFlags;\n'],
    ["bench/x.ts", 'import { loadAction } from "../tools/kit/load-action";\nexport const l = loadAction;\n'],
  ])("lets %s import from below", async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
