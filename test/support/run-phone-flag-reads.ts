// Runs the program's raw read of phone_consolidated_experience (infra/auth0/tenant-settings.ts) for each
// input read as a JSON array from stdin ({ config, env }: the `auth0:` keys and the AUTH0_* variables)
// and prints one JSON array of results. Tests start it as a child process so that Node trusts the
// stand-in's certificate the standard way, through NODE_EXTRA_CA_CERTS.
import { phoneFlagReaderFor, type PhoneFlagRead } from "../../infra/auth0/tenant-settings";

interface Input {
  config: Record<string, string>;
  env: Record<string, string>;
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Input[];
  const results = await Promise.all(
    inputs.map(async (input): Promise<PhoneFlagRead> => phoneFlagReaderFor((key) => input.config[key], input.env)()),
  );
  // Exit once written: the SDK may keep a request-timeout timer pending after a network error.
  process.stdout.write(JSON.stringify(results), () => process.exit(0));
}

void main();
