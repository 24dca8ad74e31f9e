import { analysedRuns } from '../analyze/effects/queries.ts';
import type { PackageEffect } from '../analyze/effects/types.ts';
import type { Rule } from './types.ts';

const MANAGERS: Record<PackageEffect['manager'], string> = {
  choco: 'Chocolatey', winget: 'winget', scoop: 'Scoop', psgallery: 'the PowerShell Gallery', 'package-provider': 'PackageManagement',
  pip: 'pip', npm: 'npm', nuget: 'NuGet', 'dotnet-tool': 'dotnet tool', gem: 'RubyGems',
};

// What to write for an exact version, per manager.
const HOW: Record<PackageEffect['manager'], string> = {
  choco: '--version <v>', winget: '--version <v>', scoop: '<name>@<v>', psgallery: '-RequiredVersion <v>', 'package-provider': '-RequiredVersion <v>',
  pip: '<name>==<v>', npm: '<name>@<v>', nuget: '-Version <v>', 'dotnet-tool': '--version <v>', gem: '-v <v>',
};

/** A package name winfile can show: not a local file, a URL or an unresolved expression. */
function named(name: string): boolean {
  return name !== '' && !/[\\/:$]|\.(?:nupkg|whl|gem|tgz|zip|config|tar\.gz)$/i.test(name) && !/^[.-]/.test(name);
}

/** An exact version, not a range (`>=1.0`, `[1.0,2.0)`, `1.*`, `latest`). */
function exact(version: string | undefined): boolean {
  return version !== undefined && /^v?\d[\w.+-]*$/i.test(version) && !version.includes('*');
}

export const rule: Rule = {
  id: 'WF604',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        if (e.kind !== 'package' || e.pinned) continue;
        // Uninstalling takes no version; bootstrapping the NuGet provider only sets a minimum.
        if (/^uninstalls\b/i.test(e.reason) || /^(?:cuninst|uninstall-\w+|install-packageprovider)$/i.test(e.command)) continue;
        const loose = e.packages.filter((p) => named(p.name) && !exact(p.version));
        if (loose.length === 0) continue;
        const names = loose.map((p) => (p.version ? `${p.name} (${p.version})` : p.name)).join(', ');
        ctx.report({ range: e.range, instruction: run, data: { packages: names, manager: MANAGERS[e.manager], how: HOW[e.manager], count: loose.length } });
      }
    }
  },
};
