/**
 * The Node.js major Auth0 runs the sender Action on. The project's own Node (`.node-version`, `engines`,
 * the `node` devDependency, the workflows' setup-node) follows it, and tools/kit/action-runtime-check.ts
 * refuses to run the Action's code on another; a test holds them all equal to this constant.
 */

/** The Node.js major of Auth0's Actions runtime the sender is built for and deployed to. */
export const ACTION_NODE_MAJOR = 22;

/** The Auth0 Action `runtime` (and esbuild `target`) for ACTION_NODE_MAJOR: "node22". */
export const ACTION_RUNTIME = `node${ACTION_NODE_MAJOR}`;
