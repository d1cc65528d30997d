// `npm run build` as a command written with tools/command.ts: flags, output, exit codes.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildMain } from "../../tools/build-actions";
import type { ToolIo } from "../../tools/command";

const outDir = mkdtempSync(path.join(tmpdir(), "build-actions-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function capture(): { io: ToolIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { env: {}, out: (line) => out.push(line), err: (line) => err.push(line) }, out, err };
}

describe("npm run build", () => {
  it("writes both Actions to --out-dir and prints each one's size, handler and dependencies", async () => {
    const { io, out } = capture();
    expect(await buildMain(["--out-dir", outDir], io)).toBe(0);
    for (const trigger of ["send-phone-message", "custom-phone-provider"])
      expect(existsSync(path.join(outDir, `${trigger}.js`))).toBe(true);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(
      /send-phone-message\.js {2}\d+\.\d kB {2}exports onExecuteSendPhoneMessage {2}dependencies: @aws-sdk\/client-sns@\d/,
    );
  }, 60_000);

  it("refuses an unknown flag with exit 2 and its usage", async () => {
    const { io, err } = capture();
    expect(await buildMain(["dist"], io)).toBe(2);
    expect(err.join("\n")).toMatch(/Unexpected argument "dist"[\s\S]*usage: npm run build/);
  });
});
