/**
 * The check that whatever runs the Action's code here (the tests, `npm run bench`, `npm run send-test`)
 * runs it on the Node.js major Auth0 runs it on (infra/auth0/action-runtime.ts ACTION_NODE_MAJOR).
 */
import { ACTION_NODE_MAJOR, ACTION_RUNTIME } from "../../infra/auth0/action-runtime";

/** The major of a Node.js version string such as "v22.23.3" or "22.23.3"; NaN when it is not one. */
export function nodeMajorOf(version: string): number {
  const match = /^v?(\d+)\.\d+\.\d+/.exec(version.trim());
  return match === null ? Number.NaN : Number(match[1]);
}

/**
 * Undefined when `nodeVersion` is the Action's runtime major; else a sentence naming both, for a
 * command that must not run the Action's code on another Node (its results would not be Auth0's).
 */
export function actionRuntimeMismatch(nodeVersion: string): string | undefined {
  if (nodeMajorOf(nodeVersion) === ACTION_NODE_MAJOR) return undefined;
  return (
    `the Action runs on Auth0's ${ACTION_RUNTIME}, but this is Node ${nodeVersion}: run it through npm ` +
    `(npm run ..., npx ...), which puts the project's Node ${ACTION_NODE_MAJOR} (the node-<platform>-<arch> package) first on PATH`
  );
}
