/**
 * How every command of the project is written (npm run plan, build, bench and the operator tools):
 * its flags (`--name value`, `--name=value`, `--switch`, optional one-letter aliases), parsed strictly
 * (an unknown, repeated or value-less flag is a UsageError that names the flag); the repository root;
 * and its `main`, run with the process's arguments, streams and exit code.
 */
import { REPO_ROOT } from "../infra/auth0/action-bundle";

/** The repository's root folder (infra/auth0/action-bundle.ts), for the commands. */
export { REPO_ROOT };

export interface FlagSpec {
  /** True: the flag takes a value (`--stack dev`); false: it is a switch (`--json`). */
  value: boolean;
  /** A one-letter spelling, given as `-s dev` or `-v`. */
  alias?: string;
}

export type FlagValues = Record<string, string | true | undefined>;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

function knownFlags(specs: Readonly<Record<string, FlagSpec>>): string {
  return Object.entries(specs)
    .map(([name, spec]) => (spec.alias === undefined ? `--${name}` : `--${name} (-${spec.alias})`))
    .join(", ");
}

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): FlagValues {
  const values: FlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const short = /^-([A-Za-z])$/.exec(arg)?.[1];
    const aliased = short === undefined ? undefined : Object.keys(specs).find((known) => specs[known]?.alias === short);
    if (short !== undefined && aliased === undefined) throw new UsageError(`Unknown flag -${short} (known: ${knownFlags(specs)})`);
    const match = aliased === undefined ? /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg) : [arg, aliased, undefined];
    if (match === null) throw new UsageError(`Unexpected argument ${JSON.stringify(arg.slice(0, 40))}: flags look like --name value`);
    const name = match[1] ?? "";
    const spec = specs[name];
    if (spec === undefined) {
      throw new UsageError(`Unknown flag --${name} (known: ${knownFlags(specs)})`);
    }
    if (values[name] !== undefined) throw new UsageError(`Flag --${name} is given twice`);
    if (!spec.value) {
      if (match[2] !== undefined) throw new UsageError(`Flag --${name} takes no value`);
      values[name] = true;
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--") || /^-[A-Za-z]$/.test(next)) throw new UsageError(`Flag --${name} needs a value`);
      value = next;
      i++;
    }
    if (value.trim() === "") throw new UsageError(`Flag --${name} needs a non-empty value`);
    values[name] = value;
  }
  return values;
}

/** Pulumi stack names: letters, digits, `-`, `_`, `.`, optionally qualified as org/project/stack. */
const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/;

/** The --stack value, checked; `fallback` when the flag is absent (undefined = required). */
export function stackFlag(values: FlagValues, fallback?: string): string {
  const raw = values.stack;
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError("Flag --stack is required (e.g. --stack dev or --stack prod)");
  }
  if (raw === true || !STACK_NAME.test(raw)) {
    throw new UsageError(
      `Flag --stack: ${JSON.stringify(String(raw).slice(0, 40))} is not a Pulumi stack name (e.g. dev, prod, my-org/auth0-sns-mfa/prod)`,
    );
  }
  return raw;
}

export interface ToolIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

export type ToolMain = (argv: readonly string[], io: ToolIo) => Promise<number>;

/**
 * Runs `main` with this process's arguments and streams, and exits with the code it returns; an error
 * main did not expect is printed as one line (no stack trace) and exits 1.
 */
export function runAsCommand(main: ToolMain): void {
  const io: ToolIo = {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
