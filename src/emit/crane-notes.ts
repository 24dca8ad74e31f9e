import { craneSince } from '../model/crane-flags.ts';
import type { HealthConfig, ImageConfigChanges } from './crane-config.ts';

export interface Note {
  reason: string;
  workaround: string;
}

export interface GapInfo {
  /** The targeted crane release. */
  version: string;
  /** Mutate flags the field needs that the release lacks. */
  missing: string[];
  /** Whether crane has a mutate flag for the field at all. */
  hasFlag: boolean;
  /** Whether every value survives crane's flag parsing. */
  encodable: boolean;
  allowEdit: boolean;
}

const seconds = (ns: number | undefined) => (ns === undefined ? undefined : Math.max(1, Math.round(ns / 1e9)));

/** A Kubernetes probe doing what the healthcheck does (Kubernetes ignores image healthchecks). */
function probe(hc: HealthConfig): string {
  const [kind, ...rest] = hc.Test;
  // Docker runs CMD-SHELL checks on Windows with cmd /S /C.
  const command = kind === 'CMD-SHELL' ? ['cmd', '/S', '/C', rest.join(' ')] : rest;
  const parts = [`exec: {command: ${JSON.stringify(command)}}`];
  const add = (k: string, v: number | undefined) => v !== undefined && parts.push(`${k}: ${v}`);
  add('periodSeconds', seconds(hc.Interval));
  add('timeoutSeconds', seconds(hc.Timeout));
  add('initialDelaySeconds', seconds(hc.StartPeriod));
  add('failureThreshold', hc.Retries);
  return `{${parts.join(', ')}}`;
}

/** Where the setting can be made when the image cannot carry it: the pod spec, or the next Dockerfile. */
function deployment(name: string, c: ImageConfigChanges): string {
  switch (name) {
    case 'volumes':
      return `Declare the volumes at deployment: pod spec \`volumes:\` (emptyDir or a PersistentVolumeClaim) with \`volumeMounts:\` at ${c.volumes.map((v) => JSON.stringify(v)).join(', ')} (docker run -v).`;
    case 'healthcheck':
      if (!c.healthcheck || c.healthcheck.Test[0] === 'NONE') return 'HEALTHCHECK NONE turns off the base image\'s check: crane keeps it; run with docker run --no-healthcheck (Kubernetes ignores image health checks).';
      return `Kubernetes ignores image health checks: give the container livenessProbe/readinessProbe ${probe(c.healthcheck)}; with Docker, docker run --health-cmd.`;
    case 'stopsignal':
      return `Set it at deployment: docker run --stop-signal ${c.stopSignal ?? ''}; Kubernetes (1.33+, ContainerStopSignals) lifecycle.stopSignal, which accepts only SIGTERM and SIGKILL on Windows; otherwise rely on terminationGracePeriodSeconds and a preStop hook.`;
    case 'shell':
      return `SHELL only changes how later shell-form instructions run: this file's shell-form CMD/ENTRYPOINT/HEALTHCHECK are already written in exec form with it. Dockerfiles built FROM this image must repeat SHELL ${JSON.stringify(c.shell ?? [])} or use exec form (CMD ["powershell", "-Command", "..."]).`;
    case 'onbuild':
      return `The triggers run when another image is built FROM this one: put ${c.onBuild.map((t) => JSON.stringify(t)).join(', ')} into those Dockerfiles.`;
    case 'env':
      return `Or set them at deployment: pod spec env: ${JSON.stringify(c.env.map(([name, value]) => ({ name, value })))}.`;
    case 'label':
      return 'Labels have no deployment equivalent; set them with crane edit config after the plan runs.';
    case 'user':
      return `Or set it at deployment: securityContext.windowsOptions.runAsUserName: ${JSON.stringify(c.user ?? '')}.`;
    case 'workdir':
      return `Or set it at deployment: the container's workingDir: ${JSON.stringify(c.workdir ?? '')}.`;
    case 'exposed-ports':
      return `Exposed ports are documentation; list them as containerPort entries of the pod spec: ${c.exposedPorts.join(', ')}.`;
    case 'command':
      return `Or set them at deployment: the container's command: ${JSON.stringify(c.entrypoint ?? null)} and args: ${JSON.stringify(Array.isArray(c.cmd) ? c.cmd : null)}.`;
    default:
      return '';
  }
}

/** Why a config field cannot be set by the plan, and what to do instead. */
export function gapNote(name: string, what: string, c: ImageConfigChanges, info: GapInfo): Note {
  const editSince = craneSince('edit config') as string;
  const edit = info.allowEdit
    ? `crane edit config (with --allow-edit-config) needs crane ${editSince}; the plan targets ${info.version}.`
    : `Or convert with --allow-edit-config so the plan sets it with crane edit config (hidden command, crane ${editSince}+).`;
  let reason: string;
  let upgrade = '';
  if (!info.hasFlag) reason = `${what}: crane mutate has no flag for it`;
  else if (info.missing.length > 0) {
    const since = info.missing.map((f) => `--${f} (${craneSince('mutate', f) ?? '?'})`).join(', ');
    reason = `${what}: crane ${info.version} lacks crane mutate ${since}`;
    upgrade = `Use a newer crane (--crane-version). `;
  } else reason = `${what}: crane's flag parsing (pflag CSV/key=value) cannot carry the value unchanged (empty, CRLF, or quotes at the ends)`;
  return { reason, workaround: `${upgrade}${deployment(name, c)} ${edit}`.trim() };
}
