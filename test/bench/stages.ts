// The analysis's own stages, read from a V8 CPU profile's stacks: used by the `--profile` table
// (a profile of the CLI) and by the in-process breakdown (a profile taken inside inprocess.ts).
// Every sample under `analyzeTrace` is put to the function analyzeTrace called on its way there,
// so the stages are always the ones analyze.ts calls today, whatever it becomes.

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The parts of a `.cpuprofile` (DevTools protocol `Profiler.Profile`) read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Samples V8 puts at the root, whatever was running: they are their own stage. Garbage
 * collection is one, so it is not put to the stage whose garbage it collects.
 */
const ROOT_ENTRIES = new Set(['(garbage collector)', '(program)', '(idle)']);

/** The stage of a stack's leaf: `analyzeTrace → <callee>`, a root entry, or 'outside the analysis'. */
function stageNamer(profile: CpuProfile): (id: number) => string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOf = new Map<number, string>();
  return (id: number): string => {
    const known = stageOf.get(id);
    if (known !== undefined) return known;
    let name = 'outside the analysis';
    for (let at: number | undefined = id, below: number | undefined; at !== undefined; below = at, at = parent.get(at)) {
      const fn = byId.get(at)?.callFrame.functionName ?? '';
      if (ROOT_ENTRIES.has(fn)) {
        name = fn;
        break;
      }
      if (fn === 'analyzeTrace') {
        name = below === undefined ? 'analyzeTrace (self)' : `analyzeTrace → ${byId.get(below)?.callFrame.functionName || '(anonymous)'}`;
        break;
      }
    }
    stageOf.set(id, name);
    return name;
  };
}

/** Sampled milliseconds by stage, largest first. */
export function stageTimes(profile: CpuProfile): [stage: string, ms: number][] {
  const stage = stageNamer(profile);
  const byStage = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = stage(id);
    byStage.set(name, (byStage.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...byStage].sort((a, b) => b[1] - a[1]);
}
