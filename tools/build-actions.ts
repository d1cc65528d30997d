/**
 * `npm run build [-- --out-dir DIR]`: writes <DIR>/<trigger>.js for both Actions (default dist/actions/)
 * and prints what was built: size, handler and the dependencies Auth0 installs.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ACTION_TRIGGERS, ACTIONS_OUT_DIR, buildAction, type BuiltAction } from "../infra/auth0/action-bundle";
import { parseFlags, REPO_ROOT, runAsCommand, UsageError, type ToolMain } from "./command";

export const BUILD_USAGE = `usage: npm run build [-- --out-dir DIR]

Builds the two Auth0 Actions from hook/actions/ and writes them to DIR (default dist/actions/).`;

/** Builds every Action and writes `<trigger>.js` to outDir (default dist/actions/). */
export async function writeActions(outDir: string = ACTIONS_OUT_DIR): Promise<BuiltAction[]> {
  const built = await Promise.all(ACTION_TRIGGERS.map((trigger) => buildAction(trigger)));
  await mkdir(outDir, { recursive: true });
  await Promise.all(built.map((action) => writeFile(path.join(outDir, `${action.trigger}.js`), action.code)));
  return built;
}

export const buildMain: ToolMain = async (argv, io) => {
  let flags;
  try {
    flags = parseFlags(argv, { "out-dir": { value: true }, help: { value: false, alias: "h" } });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`error: ${error.message}\n\n${BUILD_USAGE}`);
    return 2;
  }
  if (flags.help === true) {
    io.out(BUILD_USAGE);
    return 0;
  }
  const outDir = typeof flags["out-dir"] === "string" ? path.resolve(flags["out-dir"]) : ACTIONS_OUT_DIR;
  const built = await writeActions(outDir);
  for (const action of built) {
    const file = path.relative(REPO_ROOT, path.join(outDir, `${action.trigger}.js`));
    const kb = (Buffer.byteLength(action.code, "utf8") / 1000).toFixed(1);
    const deps = action.dependencies.map((d) => `${d.name}@${d.version}`).join(", ");
    io.out(`${file}  ${kb} kB  exports ${action.handlerName}  dependencies: ${deps}`);
  }
  return 0;
};

if (require.main === module) runAsCommand(buildMain);
