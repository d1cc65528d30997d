/**
 * What an operator tool talks to (its environment and two output streams), and how a tool's main
 * function is run as a command: real process streams, exit code from what main returns.
 */
export interface ToolIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

export type ToolMain = (argv: readonly string[], io: ToolIo) => Promise<number>;

/** Runs `main` with this process's arguments and streams, and exits with the code it returns. */
export function runAsCommand(main: ToolMain): void {
  void main(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => {
    process.exitCode = code;
  });
}
