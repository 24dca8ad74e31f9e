import type { BuildPlan, TargetStep } from '../plan/types.ts';
import { exposedPortKeys, parseGoDuration, windowsPath } from './crane-values.ts';

/** A Docker healthcheck as the image config stores it (durations in nanoseconds). */
export interface HealthConfig {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/**
 * What the Dockerfile sets in the image config, after all its steps, the way BuildKit leaves it:
 * the crane plan only has to reproduce this on top of the base image's config.
 */
export interface ImageConfigChanges {
  /** In first-set order with the last value, as ENV overrides in place. */
  env: [string, string][];
  labels: [string, string][];
  user?: string;
  /** Windows path, as Docker stores WorkingDir (`C:\app`). */
  workdir?: string;
  /** Keys as Docker stores them (`80/tcp`); added to the base image's. */
  exposedPorts: string[];
  /** Added to the base image's. */
  volumes: string[];
  entrypoint?: string[];
  /** `clear`: ENTRYPOINT after the last CMD resets the base image's CMD. */
  cmd?: string[] | 'clear';
  healthcheck?: HealthConfig;
  stopSignal?: string;
  shell?: string[];
  /** Appended to the base image's triggers. */
  onBuild: string[];
}

export interface ConfigProblem {
  reason: string;
  workaround: string;
}

const HEALTH_OPTIONS: Record<string, keyof HealthConfig> = { interval: 'Interval', timeout: 'Timeout', 'start-period': 'StartPeriod', 'start-interval': 'StartInterval' };

function healthConfig(step: Extract<TargetStep, { kind: 'healthcheck' }>, problems: ConfigProblem[]): HealthConfig {
  const hc: HealthConfig = { Test: step.test === 'NONE' ? ['NONE'] : step.test };
  for (const [name, value] of Object.entries(step.options)) {
    if (name === 'retries' && /^\d+$/.test(value)) hc.Retries = Number(value);
    else if (HEALTH_OPTIONS[name] && parseGoDuration(value) !== undefined) (hc as unknown as Record<string, number>)[HEALTH_OPTIONS[name] as string] = parseGoDuration(value) as number;
    else problems.push({ reason: `HEALTHCHECK --${name}=${value} is not an option BuildKit accepts`, workaround: 'Fix the option in the Dockerfile (durations like 30s, 1m30s; --retries=N).' });
  }
  return hc;
}

/** Folds the target steps into the config changes they make. */
export function configChanges(plan: BuildPlan): { config: ImageConfigChanges; problems: ConfigProblem[] } {
  const env = new Map<string, string>();
  const labels = new Map<string, string>();
  const config: ImageConfigChanges = { env: [], labels: [], exposedPorts: [], volumes: [], onBuild: [] };
  const problems: ConfigProblem[] = [];
  // BuildKit clears an inherited CMD when ENTRYPOINT is set, but not one this file set before it.
  let cmdSet = false;
  for (const step of plan.target.steps) {
    switch (step.kind) {
      case 'env':
        for (const [k, v] of step.pairs) env.set(k, v);
        break;
      case 'label':
        for (const [k, v] of step.pairs) labels.set(k, v);
        break;
      case 'user':
        config.user = step.user;
        break;
      case 'workdir':
        config.workdir = windowsPath(step.path);
        break;
      case 'expose':
        config.exposedPorts = [...new Set([...config.exposedPorts, ...exposedPortKeys(step.ports)])];
        break;
      case 'volume':
        config.volumes = [...new Set([...config.volumes, ...step.paths])];
        break;
      case 'entrypoint':
        config.entrypoint = step.argv;
        if (!cmdSet) config.cmd = 'clear';
        break;
      case 'cmd':
        config.cmd = step.argv;
        cmdSet = true;
        break;
      case 'healthcheck':
        config.healthcheck = healthConfig(step, problems);
        break;
      case 'stopsignal':
        config.stopSignal = step.signal;
        break;
      case 'shell':
        config.shell = step.argv;
        break;
      case 'onbuild':
        config.onBuild.push(step.text);
        break;
      default:
        break;
    }
  }
  config.env = [...env];
  config.labels = [...labels];
  if (config.cmd === 'clear' && config.entrypoint === undefined) delete config.cmd;
  return { config, problems };
}

/** Steps that put files into C:\ of the image (WORKDIR creates its directory): they make the layer. */
export function deliversFiles(step: TargetStep): boolean {
  return step.kind === 'copy' || step.kind === 'add-url' || (step.kind === 'workdir' && step.path !== '/');
}

/** The prepare stage that is C:\ of the image: `rootfs`, unless the Dockerfile already uses that name. */
export function rootfsStageName(plan: BuildPlan): string {
  const taken = new Set(plan.linux.map((s) => s.name.toLowerCase()));
  let name = 'rootfs';
  for (let i = 2; taken.has(name); i++) name = `rootfs-${i}`;
  return name;
}
