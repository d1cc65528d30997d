/**
 * A stand-in `pulumi` executable for the tools' tests (selected with PULUMI_BIN): a small Node script
 * written into a temp folder that records every argv it is called with and answers from a script of
 * canned replies, matched on the leading arguments.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface FakeReply {
  /** The reply is used when the call's arguments start with these. */
  args: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
}

export interface FakePulumi {
  /** Path to put in PULUMI_BIN. */
  bin: string;
  /** Every argv the fake was called with, in order. */
  calls(): string[][];
  remove(): void;
}

const SCRIPT = `#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
const dir = __dirname;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, "calls.jsonl"), JSON.stringify(args) + "\\n");
const replies = JSON.parse(fs.readFileSync(path.join(dir, "replies.json"), "utf8"));
const reply = replies.find((r) => r.args.every((a, i) => args[i] === a));
if (!reply) { process.stderr.write("fake pulumi: no reply for " + args.join(" ") + "\\n"); process.exit(99); }
if (reply.stdout) process.stdout.write(reply.stdout);
if (reply.stderr) process.stderr.write(reply.stderr);
process.exit(reply.code || 0);
`;

export function createFakePulumi(replies: FakeReply[]): FakePulumi {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-pulumi-"));
  const bin = path.join(dir, "pulumi");
  writeFileSync(bin, SCRIPT);
  chmodSync(bin, 0o755);
  writeFileSync(path.join(dir, "replies.json"), JSON.stringify([{ args: ["version"], stdout: "v3.248.0\n" }, ...replies]));
  const callsFile = path.join(dir, "calls.jsonl");
  return {
    bin,
    calls: () =>
      existsSync(callsFile)
        ? readFileSync(callsFile, "utf8")
            .trim()
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => JSON.parse(line) as string[])
        : [],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
