/** `npm run build`: writes dist/actions/<trigger>.js for both Actions and prints what was built. */
import path from "node:path";
import { writeActions } from "../infra/action-bundle";
import { REPO_ROOT } from "./command";

async function main(): Promise<void> {
  const outDir = process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]);
  const built = await writeActions(outDir);
  for (const action of built) {
    const file = path.relative(REPO_ROOT, path.join(outDir ?? path.join(REPO_ROOT, "dist", "actions"), `${action.trigger}.js`));
    const kb = (Buffer.byteLength(action.code, "utf8") / 1000).toFixed(1);
    const deps = action.dependencies.map((d) => `${d.name}@${d.version}`).join(", ");
    console.log(`${file}  ${kb} kB  exports ${action.handlerName}  dependencies: ${deps}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
