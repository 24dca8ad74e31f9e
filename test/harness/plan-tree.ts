import { posix } from 'node:path';
import type { LinuxStep } from '../../src/plan/types.ts';

/**
 * A virtual file tree that plays a prepare stage's plan steps without running anything, to check
 * statically that every step reads a path an earlier step produced and that every path the
 * Windows stage copies from /rootfs exists at the end. Archive contents, context copies and
 * shell commands are unknown: what they produce is an "opaque" directory, below which any path
 * may exist.
 */
type Node = 'file' | 'dir' | 'opaque';

export class PlanTree {
  readonly nodes = new Map<string, Node>([['/', 'dir']]);
  readonly problems: string[] = [];

  exists(path: string): boolean {
    const p = posix.normalize(path).replace(/(.)\/$/, '$1');
    if (this.nodes.has(p)) return true;
    for (let d = posix.dirname(p); ; d = posix.dirname(d)) {
      if (this.nodes.get(d) === 'opaque') return true;
      if (d === '/') return false;
    }
  }

  private mkdirs(path: string): void {
    const p = posix.normalize(path).replace(/(.)\/$/, '$1');
    if (p === '/' || this.nodes.has(p)) return;
    this.mkdirs(posix.dirname(p));
    this.nodes.set(p, 'dir');
  }

  private put(path: string, node: Node): void {
    const p = posix.normalize(path).replace(/(.)\/$/, '$1');
    this.mkdirs(posix.dirname(p));
    this.nodes.set(p, node);
  }

  private remove(path: string, keepSelf = false): void {
    const p = posix.normalize(path).replace(/(.)\/$/, '$1');
    for (const k of [...this.nodes.keys()]) if ((k === p && !keepSelf) || k.startsWith(`${p}/`)) this.nodes.delete(k);
  }

  /**
   * `cp -R from to` / `mv from to`: a directory's subtree comes along; unknown content stays
   * unknown. A trailing `/*` (the plan's glob) copies the directory's entries into `to`.
   */
  private copy(from: string, to: string): void {
    const glob = from.endsWith('/*');
    const src = posix.normalize(glob ? from.slice(0, -2) : from).replace(/(.)\/$/, '$1');
    const toDir = this.nodes.get(to.replace(/(.)\/$/, '$1')) === 'dir';
    const target = glob ? to : to.endsWith('/') || toDir ? posix.join(to, posix.basename(src)) : to;
    const node = this.nodes.get(src) ?? 'opaque';
    this.put(target, glob && node !== 'opaque' ? 'dir' : node);
    for (const [k, v] of [...this.nodes]) if (k.startsWith(`${src}/`)) this.put(target + k.slice(src.length), v);
  }

  private need(step: LinuxStep, path: string): boolean {
    if (this.exists(path.endsWith('/*') ? path.slice(0, -2) : path)) return true;
    this.problems.push(`${step.kind} at line ${step.origin.range.start.line} reads ${path}, which no earlier step produced`);
    return false;
  }

  apply(step: LinuxStep): void {
    switch (step.kind) {
      case 'fetch':
        return this.put(step.dest, 'file');
      case 'unpack':
        this.need(step, step.archive);
        return this.put(step.dest, 'opaque');
      case 'mkdir':
      case 'workdir':
        return this.mkdirs(step.path);
      case 'copy':
        if (this.need(step, step.from)) this.copy(step.from, step.to);
        return;
      case 'move':
        if (this.need(step, step.from)) {
          this.copy(step.from, step.to);
          this.remove(step.from);
        }
        return;
      case 'remove':
        return step.path.endsWith('/*') ? this.remove(step.path.slice(0, -2), true) : this.remove(step.path);
      case 'write':
        return this.put(step.path, 'file');
      case 'verify':
        this.need(step, step.path);
        return;
      case 'copy-in':
        // What comes from the context or another stage is not modelled: the destination exists.
        return this.put(step.dest, 'opaque');
      default:
        return;
    }
  }
}
