import autocannon from 'autocannon';
import type { CpuCores } from './rss';

export interface Scenario {
  id: string;
  label: string;
  /** Paths requested in turn, so the figure covers many pages, not one cached page. */
  paths: string[];
  /** Sent with every request, e.g. a signed-in member's session cookie. */
  headers?: Record<string, string>;
}

export interface ScenarioResult {
  id: string;
  label: string;
  distinctPaths: number;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  peakRssBytes?: number;
  /** Cores busy during the measured run: the server, autocannon, the database, the rest. */
  cpuCores?: CpuCores;
}

let current: autocannon.Instance | null = null;

/** Stops the running load, if any (Ctrl+C). */
export function stopLoad(): void {
  current?.stop();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function run(url: string, scenario: Scenario, connections: number, duration: number) {
  let next = 0;
  const latencies: number[] = [];
  return new Promise<{ result: autocannon.Result; latencies: number[] }>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 10,
        headers: scenario.headers ?? {},
        requests: [
          {
            setupRequest: (request) => {
              request.path = scenario.paths[next++ % scenario.paths.length]!;
              return request;
            },
          },
        ],
      },
      (error, result) => {
        current = null;
        if (error) reject(error);
        else resolve({ result, latencies });
      },
    );
    current = instance;
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** A warm-up run whose figures are dropped, then the measured run. */
export async function measure(
  baseUrl: string,
  scenario: Scenario,
  options: {
    connections: number;
    duration: number;
    warmup: number;
    beforeMeasured?: () => Promise<void> | void;
  },
): Promise<ScenarioResult> {
  if (options.warmup > 0) await run(baseUrl, scenario, options.connections, options.warmup);
  await options.beforeMeasured?.();
  const { result, latencies } = await run(baseUrl, scenario, options.connections, options.duration);
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  const mean = list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : 0;
  const statusCodes: Record<string, number> = {};
  for (const [code, value] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = Number(value?.count ?? 0);
  return {
    id: scenario.id,
    label: scenario.label,
    distinctPaths: new Set(scenario.paths).size,
    connections: options.connections,
    durationSeconds: result.duration,
    requests: list.length,
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: {
      mean: round(mean),
      p50: round(percentile(list, 50)),
      p95: round(percentile(list, 95)),
      p99: round(percentile(list, 99)),
      max: round(list.at(-1) ?? 0),
    },
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
