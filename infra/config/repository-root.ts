/**
 * The repository's root folder (where Pulumi.yaml, package.json and the lockfile are), from this
 * file's location, never from the current directory: the program, the tools and the tests agree on it.
 */
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
