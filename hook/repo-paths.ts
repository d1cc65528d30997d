/** Paths of the repository, from this file's location (never from the current directory). */
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const ACTIONS_OUT_DIR = path.join(REPO_ROOT, "dist", "actions");
