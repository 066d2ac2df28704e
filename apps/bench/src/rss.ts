import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/)) {
        if (child) found.push(Number(child));
      }
    } catch {}
  }
  return found;
}

function descendants(pid: number): number[] {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    all.push(current);
    queue.push(...children(current));
  }
  return all;
}

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream architecture.
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process tree has used so far. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const current of descendants(pid)) {
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / ticksPerSecond;
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc), or null if gone. */
export function treeRss(pid: number): number | null {
  let total = 0;
  let seen = false;
  for (const current of descendants(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${current}/status`, 'utf8'));
      if (match) {
        total += Number(match[1]) * 1024;
        seen = true;
      }
    } catch {}
  }
  return seen ? total : null;
}

/** Samples a process tree's RSS every `intervalMs`, keeping the overall peak and a peak per phase. */
export class RssSampler {
  peak = 0;
  private phasePeak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  sample(): number | null {
    const rss = treeRss(this.pid);
    if (rss !== null) {
      this.peak = Math.max(this.peak, rss);
      this.phasePeak = Math.max(this.phasePeak, rss);
    }
    return rss;
  }

  /** Peak since the previous call. */
  takePhasePeak(): number {
    const value = this.phasePeak;
    this.phasePeak = 0;
    return value;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat). */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return (total - idle) / ticksPerSecond;
  } catch {
    return 0;
  }
}

export interface CpuCores {
  server: number;
  loadGenerator: number;
  embeddedDatabase: number;
  others: number;
  machine: number;
}

/** CPU used during a stretch of time, in cores (1.0 = one core fully busy). */
export class CpuMeter {
  private start = { at: 0, server: 0, self: 0, tree: 0, machine: 0 };

  constructor(private readonly pid: number) {}

  begin(): void {
    const self = process.cpuUsage();
    this.start = {
      at: performance.now(),
      server: treeCpuSeconds(this.pid),
      self: (self.user + self.system) / 1e6,
      tree: treeCpuSeconds(process.pid),
      machine: machineBusySeconds(),
    };
  }

  /**
   * `embeddedDatabase`: this process's other children, i.e. the embedded PostgreSQL when there is
   * one. `others`: everything else on the machine (a PostgreSQL behind DATABASE_URL lands here).
   */
  end(): CpuCores {
    const seconds = (performance.now() - this.start.at) / 1000;
    const self = process.cpuUsage();
    const cores = (value: number) => Math.max(0, Math.round((value / Math.max(seconds, 0.001)) * 100) / 100);
    const server = treeCpuSeconds(this.pid) - this.start.server;
    const own = (self.user + self.system) / 1e6 - this.start.self;
    const tree = treeCpuSeconds(process.pid) - this.start.tree;
    const machine = machineBusySeconds() - this.start.machine;
    const database = Math.max(0, tree - own - server);
    return {
      server: cores(server),
      loadGenerator: cores(own),
      embeddedDatabase: cores(database),
      others: cores(machine - server - own - database),
      machine: cores(machine),
    };
  }
}
