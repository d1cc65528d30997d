/**
 * The Node.js major Auth0 runs the sender Action on, and the check that whatever runs the Action's code
 * here (the tests, `npm run bench`, `npm run send-test`) runs it on that same major. The project's own
 * Node (`.node-version`, `engines`, the `node` devDependency, the workflows' setup-node) follows it; a
 * test holds them all equal to this constant.
 */

/** The Node.js major of Auth0's Actions runtime the sender is built for and deployed to. */
export const ACTION_NODE_MAJOR = 22;

/** The Auth0 Action `runtime` (and esbuild `target`) for ACTION_NODE_MAJOR: "node22". */
export const ACTION_RUNTIME = `node${ACTION_NODE_MAJOR}`;

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
