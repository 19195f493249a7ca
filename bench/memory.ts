import { readFile } from "node:fs/promises";

export interface ProcessMemory {
  /** Resident set size now, in MiB. */
  rssMiB: number;
  /** The highest resident set size so far (VmHWM), in MiB. */
  peakRssMiB: number;
}

/** Linux only: what the kernel says the process holds in RAM. */
export async function readProcessMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Math.round((Number(match[1]) / 1024) * 10) / 10;
  };
  return { rssMiB: kib("VmRSS"), peakRssMiB: kib("VmHWM") };
}

/** User + system CPU time the process has used so far, in milliseconds (Linux only). */
export async function readProcessCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
}

// USER_HZ, 100 on every Linux architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;
