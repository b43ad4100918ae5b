import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';

/**
 * A hash of the component graph: every component's name and every edge (with whether it is
 * required). A profile learned on another graph (another application, or this one after its
 * components changed) has another hash and is not trusted. FNV-1a over a canonical, sorted text,
 * so registration order does not matter. O((V + E) log(V + E)).
 *
 * @example
 * ```ts
 * graphHashOf(specs, graph); // 'g1-5f3c2a9e-12'
 * ```
 */
export function graphHashOf(specs: readonly ComponentSpec[], graph: DependencyGraph): string {
  const lines: string[] = [];
  for (let i = 0; i < graph.size; i++) {
    const name = specs[i]!.name;
    lines.push(`n ${name}`);
    for (let e = graph.depStart[i]!, end = graph.depStart[i + 1]!; e < end; e++) {
      lines.push(`e ${name} ${specs[graph.depList[e]!]!.name} ${graph.depRequired[e]}`);
    }
  }
  lines.sort();
  let hash = 0x811c9dc5;
  for (const line of lines) {
    for (let k = 0; k < line.length; k++) {
      hash ^= line.charCodeAt(k);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= 10;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `g1-${hash.toString(16).padStart(8, '0')}-${graph.size}`;
}
