import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAction } from "../../../tools/kit/load-action";
import { ACTIONS_OUT_DIR } from "../../../infra/auth0/action-bundle";
import { REPO_ROOT } from "../../../tools/command";

describe("loadAction", () => {
  it("runs code as a CommonJS module whose require finds the project's npm packages", () => {
    const exports = loadAction(`
      const { isSupportedCountry } = require("libphonenumber-js/core");
      exports.file = __filename;
      exports.dir = __dirname;
      exports.check = typeof isSupportedCountry;
    `);
    expect(exports).toEqual({ file: path.join(ACTIONS_OUT_DIR, "loaded-action.js"), dir: ACTIONS_OUT_DIR, check: "function" });
  });

  it("supports module.exports replacement and a chosen filename", () => {
    const filename = path.join(REPO_ROOT, "dist", "elsewhere.js");
    expect(loadAction(`module.exports = { where: __filename };`, filename)).toEqual({ where: filename });
  });

  it("gives each load fresh module state", () => {
    const code = `let count = 0; exports.next = () => ++count;`;
    const a = loadAction(code);
    const b = loadAction(code);
    const next = (m: Record<string, unknown>) => (m.next as () => number)();
    expect([next(a), next(a), next(b)]).toEqual([1, 2, 1]);
  });

  it("reports syntax errors against the given file name", () => {
    expect(() => loadAction("exports.x = ;", "/tmp/broken-action.js")).toThrow(SyntaxError);
  });
});
