/**
 * Message templates with the Drain algorithm (He et al., ICWS 2017), compactly: variable tokens are
 * masked first (anything with a digit, IPs, hex ids, multi-segment paths → `<*>`), then a fixed-depth
 * parse tree routes a message by its token count and first tokens to a short list of clusters, and the
 * message joins the most similar cluster (share of equal tokens ≥ the threshold), turning the
 * positions that differ into `<*>`; otherwise it starts a new cluster. One pass, no regex per token.
 */

/** Wildcard token in templates. */
export const WILDCARD = '<*>';

/** Tuning of the miner. */
export interface DrainOptions {
  /** Tree depth including the root and length layers; depth 4 routes by two leading tokens. */
  depth: number;
  /** Share of equal tokens (0–1) a message needs to join a cluster. */
  similarity: number;
  /** Children per inner node before further tokens share one wildcard child. */
  maxChildren: number;
  /** Longer messages are cut to this many tokens (the rest becomes one wildcard). */
  maxTokens: number;
}

/** Defaults that suit deploy and system logs. */
export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { depth: 4, similarity: 0.5, maxChildren: 100, maxTokens: 48 };

/**
 * NOTE: one token-bounded alternation: tokens holding a digit (numbers, ids, versions, host-17, IPs,
 * hex with digits), UUID-free long hex, and paths with two or more slashes.
 */
const MASK = /(?<!\S)(?:\S*\d\S*|[0-9a-fA-F]{12,}|\S*\/\S*\/\S*)(?!\S)/g;

/** The message with its variable tokens replaced by `<*>`, split into tokens. */
export function maskTokens(message: string, maxTokens = DEFAULT_DRAIN_OPTIONS.maxTokens): string[] {
  const tokens = message.replace(MASK, WILDCARD).split(/\s+/).filter((t) => t !== '');
  if (tokens.length <= maxTokens) return tokens;
  return [...tokens.slice(0, maxTokens - 1), WILDCARD];
}

interface Cluster {
  id: number;
  tokens: string[];
}

interface Node {
  children: Map<string, Node>;
  clusters: Cluster[];
}

function newNode(): Node {
  return { children: new Map(), clusters: [] };
}

/** A streaming template miner; feed messages with {@link DrainMiner.add}. */
export class DrainMiner {
  private readonly root = newNode();
  private readonly clusters: Cluster[] = [];
  private readonly options: DrainOptions;

  constructor(options: Partial<DrainOptions> = {}) {
    this.options = { ...DEFAULT_DRAIN_OPTIONS, ...options };
  }

  /** Number of templates found so far. */
  get size(): number {
    return this.clusters.length;
  }

  /** Adds one message; returns the id (0-based, stable) of the template it belongs to. */
  add(message: string): number {
    const tokens = maskTokens(message, this.options.maxTokens);
    const leaf = this.leafFor(tokens);
    let best: Cluster | null = null;
    let bestScore = -1;
    for (const cluster of leaf.clusters) {
      const score = similarity(cluster.tokens, tokens);
      if (score > bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (best !== null && bestScore >= this.options.similarity) {
      mergeInto(best.tokens, tokens);
      return best.id;
    }
    const cluster: Cluster = { id: this.clusters.length, tokens };
    this.clusters.push(cluster);
    leaf.clusters.push(cluster);
    return cluster.id;
  }

  /** The template of a cluster id, tokens joined by single spaces (`''` for an empty message). */
  template(id: number): string {
    return this.clusters[id]?.tokens.join(' ') ?? '';
  }

  /** Every template, indexed by id. */
  templates(): string[] {
    return this.clusters.map((c) => c.tokens.join(' '));
  }

  private leafFor(tokens: string[]): Node {
    let node = childOf(this.root, String(tokens.length), Infinity);
    const routed = Math.min(tokens.length, this.options.depth - 2);
    for (let i = 0; i < routed; i++) {
      const token = tokens[i]!;
      node = childOf(node, token, this.options.maxChildren);
    }
    return node;
  }
}

/** The child for `token`, created while there is room; past `maxChildren`, tokens share the wildcard child. */
function childOf(node: Node, token: string, maxChildren: number): Node {
  const existing = node.children.get(token);
  if (existing) return existing;
  const key = token === WILDCARD || node.children.size >= maxChildren ? WILDCARD : token;
  let child = node.children.get(key);
  if (!child) {
    child = newNode();
    node.children.set(key, child);
  }
  return child;
}

/** Share of positions where the template equals the message (wildcards count as equal); lengths are equal by routing. */
function similarity(template: string[], tokens: string[]): number {
  if (template.length === 0) return 1;
  let same = 0;
  for (let i = 0; i < template.length; i++) if (template[i] === tokens[i] || template[i] === WILDCARD) same++;
  return same / template.length;
}

function mergeInto(template: string[], tokens: string[]): void {
  for (let i = 0; i < template.length; i++) if (template[i] !== tokens[i]) template[i] = WILDCARD;
}
