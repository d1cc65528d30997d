/**
 * `npm run rotate-key -- --stack <name>`: bumps the stack's `accessKeyGeneration` by one through the
 * Pulumi CLI and explains the next step (`pulumi up`, which creates the new key, updates the Action,
 * then deletes the old key). It changes configuration only; nothing in AWS or Auth0.
 */
import { GENERATION_KEY, DEFAULT_GENERATION, isKeyNotSet, nextGeneration, parseGeneration, rotationPlan } from "./access-key-generation";
import { parseFlags, runAsCommand, stackFlag, type ToolIo, UsageError } from "./command";
import { pulumiFailure, runPulumi } from "./pulumi-cli";

export const ROTATE_KEY_USAGE = `Usage: npm run rotate-key -- --stack <dev|prod|org/project/stack>

Raises the stack's ${GENERATION_KEY} by one with the Pulumi CLI, then tells you what \`pulumi up\` will do.
Needs the Pulumi CLI (or PULUMI_BIN) and a login to the stack's backend.`;

export async function currentGeneration(stack: string, env: NodeJS.ProcessEnv): Promise<number> {
  const command = `pulumi config get ${GENERATION_KEY} --stack ${stack}`;
  const result = await runPulumi(["config", "get", GENERATION_KEY, "--stack", stack], env);
  if (result.code === 0) return parseGeneration(result.stdout, stack);
  if (isKeyNotSet(result.stderr)) return DEFAULT_GENERATION;
  throw pulumiFailure(command, result);
}

export async function rotateKey(argv: readonly string[], io: ToolIo): Promise<number> {
  try {
    const flags = parseFlags(argv, { stack: { value: true }, help: { value: false } });
    if (flags.help === true) {
      io.out(ROTATE_KEY_USAGE);
      return 0;
    }
    const stack = stackFlag(flags);
    const from = await currentGeneration(stack, io.env);
    const to = nextGeneration(from);
    const set = await runPulumi(["config", "set", GENERATION_KEY, String(to), "--stack", stack], io.env);
    if (set.code !== 0) throw pulumiFailure(`pulumi config set ${GENERATION_KEY} ${to} --stack ${stack}`, set);
    io.out(rotationPlan(stack, from, to));
    return 0;
  } catch (error) {
    io.err(`rotate-key: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) io.err(ROTATE_KEY_USAGE);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) runAsCommand(rotateKey);
